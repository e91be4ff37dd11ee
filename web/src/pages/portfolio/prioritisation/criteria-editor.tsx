import { ActionIcon, Button, Checkbox, Group, NumberInput, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Criterion, WeightingMethod } from '../../../../../src/domain/portfolio/scoring/index.js';
import { idFor } from './model-draft';

type Props = {
  criteria: Criterion[];
  weighting: WeightingMethod;
  /** The weight each criterion would score with (0–1), when the model is valid. */
  weights: number[] | null;
  /** Problems by field path (`criteria.2.max`). */
  errors: Record<string, string>;
  /** Ids that saved scores are stored under: renaming such a criterion keeps its id. */
  savedIds: ReadonlySet<string>;
  onChange: (next: Criterion[]) => void;
};

const DIRECTIONS = [
  { value: 'higher-is-better', label: 'Higher is better' },
  { value: 'lower-is-better', label: 'Lower is better' },
];

/** The criteria as an editable table: name, scale, direction, weight, and whether alignment computes it. */
export function CriteriaEditor({ criteria, weighting, weights, errors, savedIds, onChange }: Props) {
  const set = (i: number, patch: Partial<Criterion>) => onChange(criteria.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  const rename = (i: number, name: string) => {
    const c = criteria[i]!;
    if (savedIds.has(c.id)) return set(i, { name });
    const taken = new Set([...savedIds, ...criteria.filter((_, k) => k !== i).map((x) => x.id)]);
    set(i, { name, id: idFor(name, taken) });
  };
  const add = () => {
    const taken = new Set([...savedIds, ...criteria.map((c) => c.id)]);
    onChange([...criteria, { id: idFor('New criterion', taken), name: 'New criterion', description: '', unit: '', min: 0, max: 10, direction: 'higher-is-better', weight: 1, source: 'entered' }]);
  };
  const hasAlignment = criteria.some((c) => c.source === 'alignment');
  const err = (i: number, field: string) => errors[`criteria.${i}.${field}`];
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={4} aria-label="Criteria">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Criterion</Table.Th>
              <Table.Th w={80}>Unit</Table.Th>
              <Table.Th w={90}>Min</Table.Th>
              <Table.Th w={90}>Max</Table.Th>
              <Table.Th w={150}>Direction</Table.Th>
              {weighting === 'direct' && <Table.Th w={90}>Weight</Table.Th>}
              <Table.Th w={70} ta="right">Share</Table.Th>
              <Table.Th w={40}>
                <VisuallyHidden>Remove</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {criteria.map((c, i) => {
              const computed = c.source === 'alignment';
              return (
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput size="xs" aria-label={`Criterion ${i + 1} name`} value={c.name} onChange={(e) => rename(i, e.currentTarget.value)} error={err(i, 'name') ?? err(i, 'id')} />
                    <Checkbox
                      mt={4}
                      size="xs"
                      label="Computed from strategic alignment (0–100)"
                      checked={computed}
                      disabled={!computed && hasAlignment}
                      onChange={(e) => set(i, e.currentTarget.checked ? { source: 'alignment', min: 0, max: 100, direction: 'higher-is-better', unit: 'points' } : { source: 'entered' })}
                      error={err(i, 'source')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" aria-label={`${c.name} unit`} value={c.unit} disabled={computed} onChange={(e) => set(i, { unit: e.currentTarget.value })} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" aria-label={`${c.name} minimum`} value={c.min} disabled={computed} onChange={(v) => set(i, { min: typeof v === 'number' ? v : Number(v) || 0 })} error={err(i, 'min')} hideControls />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" aria-label={`${c.name} maximum`} value={c.max} disabled={computed} onChange={(v) => set(i, { max: typeof v === 'number' ? v : Number(v) || 0 })} error={err(i, 'max')} hideControls />
                  </Table.Td>
                  <Table.Td>
                    <Select size="xs" aria-label={`${c.name} direction`} data={DIRECTIONS} value={c.direction} disabled={computed} allowDeselect={false} onChange={(v) => v && set(i, { direction: v as Criterion['direction'] })} />
                  </Table.Td>
                  {weighting === 'direct' && (
                    <Table.Td>
                      <NumberInput size="xs" aria-label={`${c.name} weight`} value={c.weight} min={0} onChange={(v) => set(i, { weight: typeof v === 'number' ? v : Number(v) || 0 })} error={err(i, 'weight')} hideControls />
                    </Table.Td>
                  )}
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    <Text size="sm">{weights ? `${(100 * (weights[i] ?? 0)).toFixed(1)}%` : '–'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${c.name}`} onClick={() => onChange(criteria.filter((_, k) => k !== i))}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={add} disabled={criteria.length >= 15}>
          Add criterion
        </Button>
        {errors.criteria && (
          <Text size="sm" c="red" role="alert">
            {errors.criteria}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
