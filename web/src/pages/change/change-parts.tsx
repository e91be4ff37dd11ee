import { ActionIcon, Badge, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ChangeRequest } from '../../api/change';
import { formatMoney } from '../../shared/format';

/** Small pieces the change register, form and drawer share. */

export const BOARD_LABEL: Record<NonNullable<ChangeRequest['authority']>, string> = { project: 'Project board', programme: 'Programme board', portfolio: 'Portfolio board' };

const STATUS_COLOUR: Record<ChangeRequest['status'], string> = {
  draft: 'gray',
  submitted: 'blue',
  assessed: 'violet',
  approved: 'green',
  rejected: 'red',
  deferred: 'yellow',
  implemented: 'teal',
};

export function StatusBadge({ status }: { status: ChangeRequest['status'] }) {
  return (
    <Badge variant="light" color={STATUS_COLOUR[status]} size="sm">
      {status}
    </Badge>
  );
}

/** A signed amount: `+£50,000`, `−£2,000`, or a dash for none. */
export function CostImpact({ minor, currency }: { minor: number; currency: string }) {
  if (minor === 0) return <Text c="dimmed">–</Text>;
  return <span>{`${minor > 0 ? '+' : '−'}${formatMoney(Math.abs(minor), currency)}`}</span>;
}

/** Working days the finish moves: `+3 d`, `−1.5 d`, or a dash. */
export function DaysImpact({ days }: { days: number }) {
  if (days === 0) return <Text c="dimmed">–</Text>;
  return <span title={`${Math.abs(days)} working days ${days > 0 ? 'later' : 'earlier'}`}>{`${days > 0 ? '+' : '−'}${Math.abs(days)} d`}</span>;
}

export type TaskChangeDraft = { taskId: string | null; days: number | string };
type TaskOption = { value: string; label: string };

/** Rows of "this task takes N more (or fewer) working days", the engine works out the finish from them. */
export function TaskChangesEditor({ value, onChange, tasks, errors, disabled }: { value: TaskChangeDraft[]; onChange: (v: TaskChangeDraft[]) => void; tasks: TaskOption[]; errors: Record<string, string>; disabled?: boolean }) {
  const set = (i: number, patch: Partial<TaskChangeDraft>) => onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Task changes
      </Text>
      <Text size="xs" c="dimmed">
        Working days each task gains (or loses). The schedule engine works out how far the finish moves.
      </Text>
      {value.map((r, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <Select
            size="xs"
            style={{ flex: 1 }}
            aria-label={`Task of change ${i + 1}`}
            placeholder="Task"
            searchable
            data={tasks}
            value={r.taskId}
            onChange={(v) => set(i, { taskId: v })}
            disabled={disabled}
          />
          <NumberInput size="xs" w={110} aria-label={`Days of change ${i + 1}`} value={r.days} onChange={(v) => set(i, { days: v })} suffix=" d" decimalScale={2} disabled={disabled} />
          {!disabled && (
            <ActionIcon variant="subtle" color="gray" aria-label={`Remove change ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              <IconTrash size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {errors.taskChanges && (
        <Text size="xs" c="red" role="alert">
          {errors.taskChanges}
        </Text>
      )}
      {!disabled && (
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => onChange([...value, { taskId: null, days: 1 }])} w="fit-content">
          Add a task change
        </Button>
      )}
    </Stack>
  );
}

/** The drafts the API takes: rows without a task are left out. */
export function taskChangesOf(drafts: TaskChangeDraft[]): { taskId: string; days: number }[] {
  return drafts.filter((d) => d.taskId).map((d) => ({ taskId: d.taskId!, days: Number(d.days) }));
}
