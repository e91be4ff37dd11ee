import { Paper, Text } from '@mantine/core';

/** One figure with what it is and a line of context, as the simulation and contingency views show them. */
export function StatCard({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" className="num">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Paper>
  );
}
