import { ActionIcon, Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { MonthField } from './month-field';
import { addMonths } from '../../../../src/domain/portfolio/capacity/months.js';
import { currentMonth, monthLabel } from './resources-format';
import { rowKey, type StepDraft } from './role-draft';

type Props = {
  steps: StepDraft[];
  onChange: (steps: StepDraft[]) => void;
  /** The reason shown under a field, by the server's name for it (`fteSteps.0.fte`). */
  errorOf: (field: string) => string | undefined;
};

/** The role's unnamed capacity over time: from each month on, this many FTE. */
export function FteStepsEditor({ steps, onChange, errorOf }: Props) {
  const set = (i: number, patch: Partial<StepDraft>) => onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const add = () => {
    const last = steps.at(-1);
    const from = last && /^\d{4}-\d{2}$/.test(last.from) ? addMonths(last.from, 1) : currentMonth();
    onChange([...steps, { key: rowKey(), from, fte: last ? last.fte : 1 }]);
  };
  return (
    <Stack gap="xs" role="group" aria-label="FTE steps">
      <div>
        <Text size="sm" fw={500}>
          Unnamed FTE over time
        </Text>
        <Text size="xs" c="dimmed">
          Capacity not tied to a named person (contractors, a team&rsquo;s standing size): from each month on, this many FTE. Before the first step it is 0.
        </Text>
      </div>
      {errorOf('fteSteps') && (
        <Text size="xs" c="red" role="alert">
          {errorOf('fteSteps')}
        </Text>
      )}
      {steps.map((s, i) => (
        <Group key={s.key} gap="xs" align="flex-start" wrap="nowrap" role="group" aria-label={`Step ${i + 1}`}>
          <div style={{ flex: 1, minWidth: 0, maxWidth: 240 }}>
            <MonthField label="From month" value={s.from} onChange={(from) => set(i, { from })} error={errorOf(`fteSteps.${i}.from`)} required />
          </div>
          <NumberInput style={{ width: 110, flex: 'none' }} label="FTE" value={s.fte} onChange={(fte) => set(i, { fte })} min={0} max={1000} clampBehavior="none" step={0.5} decimalScale={2} error={errorOf(`fteSteps.${i}.fte`)} required />
          <ActionIcon variant="subtle" color="gray" mt={26} onClick={() => onChange(steps.filter((_, j) => j !== i))} aria-label={`Remove the step from ${monthLabel(s.from) || 'the month not yet set'}`}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={add}>
          Add a step
        </Button>
      </Group>
    </Stack>
  );
}
