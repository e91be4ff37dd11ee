import { Button, Group, MultiSelect, NumberInput, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { useState } from 'react';
import type { Role } from '../../../api/capacity';
import type { Scenario, ScenarioSettingsInput } from '../../../api/scenarios';
import type { ScoringModel } from '../../../api/scoring';
import { serverFieldErrors } from '../../../shared/validation';

export type ProjectOption = { id: string; code: string; name: string };
type Draft = { name: string; settings: ScenarioSettingsInput };

type Props = {
  scenario: Scenario | null;
  models: ScoringModel[];
  roles: Role[];
  projects: ProjectOption[];
  editable: boolean;
  saving: boolean;
  error: unknown;
  onSave: (draft: Draft) => void;
  onCancel?: () => void;
};

export function defaultSettings(modelId: string, startMonth: string): ScenarioSettingsInput {
  return { modelId, startMonth, months: 24, budget: { kind: 'total', amount: 10_000_000 }, maxDelayMonths: 3, capacityFactors: {}, projects: {}, groups: [] };
}

/**
 * A scenario's settings: the model that values the projects, the horizon, the budget (total or
 * monthly), how late a start may move, capacity factors per role, and per-project what-ifs
 * (must, never, a shift in months).
 */
export function ScenarioForm({ scenario, models, roles, projects, editable, saving, error, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState<Draft>(() => ({ name: scenario?.name ?? 'New scenario', settings: scenario?.settings ?? defaultSettings(models[0]?.id ?? '', new Date().toISOString().slice(0, 7)) }));
  const errors = serverFieldErrors(error);
  const set = (patch: Partial<ScenarioSettingsInput>) => setDraft((d) => ({ ...d, settings: { ...d.settings, ...patch } }));
  const s = draft.settings;
  const known = new Set(projects.map((p) => p.id));
  const override = (id: string, patch: Partial<NonNullable<ScenarioSettingsInput['projects'][string]>>) => {
    const next = { ...s.projects, [id]: { ...s.projects[id], ...patch } };
    const o = next[id]!;
    if ((o.inclusion ?? 'auto') === 'auto' && !o.shiftMonths && (o.costFactor ?? 1) === 1 && !o.requires?.length && !o.excludes?.length) delete next[id];
    set({ projects: next });
  };
  const clean = (d: Draft): Draft => ({
    ...d,
    settings: {
      ...d.settings,
      projects: Object.fromEntries(Object.entries(d.settings.projects).filter(([id]) => known.has(id))),
      groups: (d.settings.groups ?? []).map((g) => ({ ...g, members: g.members.filter((m) => known.has(m)) })).filter((g) => g.members.length >= 2),
    },
  });
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <TextInput label="Name" value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.currentTarget.value }))} disabled={!editable} error={errors.name} />
        <Select label="Value projects by" data={models.map((m) => ({ value: m.id, label: m.name }))} value={s.modelId} onChange={(v) => v && set({ modelId: v })} allowDeselect={false} disabled={!editable} error={errors.settings} />
      </Group>
      <Group grow align="flex-start">
        <MonthPickerInput label="From" value={`${s.startMonth}-01`} onChange={(v) => v && set({ startMonth: String(v).slice(0, 7) })} disabled={!editable} />
        <NumberInput label="Months" min={1} max={60} value={s.months} onChange={(v) => set({ months: Number(v) || 1 })} disabled={!editable} />
        <NumberInput label="Start may move up to (months)" min={0} max={24} value={s.maxDelayMonths} onChange={(v) => set({ maxDelayMonths: Number(v) || 0 })} disabled={!editable} />
      </Group>
      <Group align="flex-end">
        <SegmentedControl
          aria-label="Budget"
          value={s.budget.kind}
          onChange={(v) => set({ budget: { ...s.budget, kind: v as 'total' | 'monthly' } })}
          data={[
            { value: 'total', label: 'Total budget' },
            { value: 'monthly', label: 'Budget per month' },
          ]}
          disabled={!editable}
        />
        <NumberInput label={s.budget.kind === 'total' ? 'Budget for the horizon (£)' : 'Budget each month (£)'} min={0} thousandSeparator="," value={s.budget.amount} onChange={(v) => set({ budget: { ...s.budget, amount: Number(v) || 0 } })} disabled={!editable} w={240} />
      </Group>
      {roles.length > 0 && (
        <Group gap="xs" align="flex-end">
          {roles.map((r) => (
            <NumberInput
              key={r.id}
              label={`${r.name} capacity ×`}
              min={0}
              max={10}
              step={0.1}
              decimalScale={2}
              value={s.capacityFactors[r.id] ?? 1}
              onChange={(v) => {
                const next = { ...s.capacityFactors, [r.id]: Number(v) };
                if (Number(v) === 1 || v === '') delete next[r.id];
                set({ capacityFactors: next });
              }}
              disabled={!editable}
              w={150}
            />
          ))}
        </Group>
      )}
      <Text size="sm" fw={600}>
        Projects
      </Text>
      <Text size="xs" c="dimmed">
        Per project: who decides, the projects it needs (funded only with them), and a shift of its planned start in months.
      </Text>
      <Table.ScrollContainer minWidth={720} mah={260}>
        <Table verticalSpacing={2} aria-label="Projects in this scenario">
          <Table.Tbody>
            {projects.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Text size="sm">
                    {p.code} {p.name}
                  </Text>
                </Table.Td>
                <Table.Td w={220}>
                  <SegmentedControl
                    size="xs"
                    aria-label={`${p.code} in this scenario`}
                    value={s.projects[p.id]?.inclusion ?? 'auto'}
                    onChange={(v) => override(p.id, { inclusion: v as 'auto' | 'must' | 'never' })}
                    data={[
                      { value: 'auto', label: 'Optimiser' },
                      { value: 'must', label: 'Must' },
                      { value: 'never', label: 'Never' },
                    ]}
                    disabled={!editable}
                  />
                </Table.Td>
                <Table.Td w={200}>
                  <MultiSelect
                    size="xs"
                    aria-label={`${p.code} needs`}
                    placeholder={s.projects[p.id]?.requires?.length ? undefined : 'needs…'}
                    data={projects.filter((q) => q.id !== p.id).map((q) => ({ value: q.id, label: q.code }))}
                    value={s.projects[p.id]?.requires ?? []}
                    onChange={(v) => override(p.id, { requires: v.length ? v : undefined })}
                    disabled={!editable}
                    clearable
                  />
                </Table.Td>
                <Table.Td w={120}>
                  <NumberInput size="xs" aria-label={`${p.code} start shift (months)`} placeholder="shift" min={-24} max={24} value={s.projects[p.id]?.shiftMonths ?? ''} onChange={(v) => override(p.id, { shiftMonths: v === '' ? undefined : Number(v) })} disabled={!editable} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" fw={600}>
        Alternatives
      </Text>
      <Text size="xs" c="dimmed">
        Groups of projects of which at most a number may be funded (two vendors for one platform, two sites for one depot).
      </Text>
      {(s.groups ?? []).map((g, i) => (
        <Group key={i} align="flex-end" gap="xs">
          <TextInput size="xs" label="Group" value={g.name} onChange={(e) => set({ groups: s.groups.map((x, k) => (k === i ? { ...x, name: e.currentTarget.value } : x)) })} disabled={!editable} w={180} />
          <MultiSelect
            size="xs"
            label="Projects"
            data={projects.map((q) => ({ value: q.id, label: q.code }))}
            value={g.members}
            onChange={(v) => set({ groups: s.groups.map((x, k) => (k === i ? { ...x, members: v } : x)) })}
            disabled={!editable}
            miw={240}
          />
          <NumberInput size="xs" label="At most" min={1} value={g.max} onChange={(v) => set({ groups: s.groups.map((x, k) => (k === i ? { ...x, max: Number(v) || 1 } : x)) })} disabled={!editable} w={90} />
          {editable && (
            <Button size="xs" variant="subtle" color="red" onClick={() => set({ groups: s.groups.filter((_, k) => k !== i) })}>
              Remove
            </Button>
          )}
        </Group>
      ))}
      {editable && (
        <Button size="xs" variant="default" w="fit-content" onClick={() => set({ groups: [...(s.groups ?? []), { name: `Alternatives ${(s.groups?.length ?? 0) + 1}`, members: [], max: 1 }] })}>
          Add alternatives
        </Button>
      )}
      {editable && (
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button onClick={() => onSave(clean(draft))} loading={saving}>
            {scenario ? 'Save settings' : 'Create scenario'}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
