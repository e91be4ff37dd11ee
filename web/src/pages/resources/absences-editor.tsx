import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { DateField } from '../../shared/date-field';
import { rowKey } from './role-draft';
import type { AbsenceDraft } from './person-draft';
import { absenceRange } from './resources-format';

type Props = {
  absences: AbsenceDraft[];
  onChange: (absences: AbsenceDraft[]) => void;
  errorOf: (field: string) => string | undefined;
};

/** A person's days away (holiday, training, leave): both ends included, weekends inside do not count. */
export function AbsencesEditor({ absences, onChange, errorOf }: Props) {
  const set = (i: number, patch: Partial<AbsenceDraft>) => onChange(absences.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <Stack gap="xs" role="group" aria-label="Absences">
      <div>
        <Text size="sm" fw={500}>
          Absences
        </Text>
        <Text size="xs" c="dimmed">
          Holiday, training, leave: both days included; weekends inside do not count against capacity.
        </Text>
      </div>
      {absences.map((a, i) => (
        <Paper key={a.key} withBorder p="xs" role="group" aria-label={`Absence ${i + 1}`}>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" style={{ flex: 1, minWidth: 0 }}>
              <DateField label="From" value={a.from} onChange={(from) => set(i, { from, to: !a.to || a.to === a.from ? from : a.to })} error={errorOf(`absences.${i}.from`)} />
              <DateField label="To" value={a.to} onChange={(to) => set(i, { to })} error={errorOf(`absences.${i}.to`)} minDate={a.from || undefined} />
              <TextInput label="Note" placeholder="Holiday" value={a.note} onChange={(e) => set(i, { note: e.currentTarget.value })} error={errorOf(`absences.${i}.note`)} />
            </SimpleGrid>
            <ActionIcon variant="subtle" color="gray" mt={26} onClick={() => onChange(absences.filter((_, j) => j !== i))} aria-label={`Remove the absence ${a.from && a.to ? absenceRange(a) : i + 1}`}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      <Group>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange([...absences, { key: rowKey(), from: '', to: '', note: '' }])}>
          Add an absence
        </Button>
      </Group>
    </Stack>
  );
}
