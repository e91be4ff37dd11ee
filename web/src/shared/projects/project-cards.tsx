import { Group, Paper, Stack, Text } from '@mantine/core';
import type { Project } from '../../api/types';
import { formatDate, formatMoney } from '../format';
import { AlignedChip, StageChip, StateChip } from '../status-chip';
import { ProjectNameCell } from './project-name-cell';

type Props = { rows: Project[]; currency: string; programmeNames?: Map<string, string>; onTag: (tag: string) => void };

/** The project list on a phone: one compact card per project instead of a wide table. */
export function ProjectCards({ rows, currency, programmeNames, onTag }: Props) {
  return (
    <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Projects">
      {rows.map((p) => (
        <Paper key={p.id} component="li" withBorder p="xs" radius="sm">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Text size="xs" ff="monospace" c="dimmed" pt={2} style={{ flexShrink: 0 }}>
              {p.code}
            </Text>
            <ProjectNameCell project={p} programme={p.programmeId ? programmeNames?.get(p.programmeId) : undefined} onTag={onTag} />
          </Group>
          <Group gap={4} mt={6} wrap="wrap">
            <StageChip stage={p.stage} size="xs" />
            <StateChip state={p.state} size="xs" />
            <AlignedChip aligned={p.aligned} size="xs" />
          </Group>
          {(p.plannedStart || p.plannedFinish || p.budget !== null) && (
            <Group gap="md" mt={6} justify="space-between">
              <Text size="xs" c="dimmed" className="num">
                {p.plannedStart || p.plannedFinish ? `${formatDate(p.plannedStart) || '?'} – ${formatDate(p.plannedFinish) || '?'}` : ''}
              </Text>
              <Text size="xs" fw={600} className="num">
                {formatMoney(p.budget, currency)}
              </Text>
            </Group>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
