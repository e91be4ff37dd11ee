import { Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { CapacityMap } from '../../../api/capacity';
import { hours, monthLabel } from './capacity-format';
import type { SelectedCell } from './heat-map-table';

/** One cell of the heat map: the role's capacity that month, who asks for it, and by how much it is over. */
export function CellDetail({ map, cell, portfolioId }: { map: CapacityMap; cell: SelectedCell; portfolioId: string }) {
  const row = map.roles.find((r) => r.role.id === cell.roleId);
  const index = map.months.indexOf(cell.month);
  const c = row?.cells[index];
  if (!row || !c) return null;
  const others = c.demand - c.portfolioDemand - c.hiddenHours;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="cell-heading">
      <Stack gap="xs">
        <Title order={3} size="h5" id="cell-heading">
          {row.role.name}, {monthLabel(cell.month)}
        </Title>
        <Group gap="lg">
          <Text size="sm">
            Capacity <b>{hours(c.capacity)}</b> ({row.fte[index]?.toFixed(1)} FTE, less {hours(row.absenceHours[index] ?? 0)} away and {hours(row.nonProjectHours[index] ?? 0)} non-project)
          </Text>
          <Text size="sm">
            Demand <b>{hours(c.demand)}</b>
          </Text>
          <Text size="sm" c={c.overBy > 0 ? 'red.8' : 'green.8'} fw={600}>
            {c.overBy > 0 ? `Over by ${hours(c.overBy)}` : `${hours(c.capacity - c.demand)} free`}
          </Text>
        </Group>
        {c.projects.length > 0 ? (
          <Table verticalSpacing={2} aria-label="Projects asking for this role this month">
            <Table.Tbody>
              {c.projects.map((p) => (
                <Table.Tr key={p.projectId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/projects/${p.projectId}/demand`} size="sm">
                      {p.code} {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {hours(p.hours)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            No project of this portfolio asks for this role this month.
          </Text>
        )}
        {(others > 0.5 || c.hiddenHours > 0.5) && (
          <Text size="xs" c="dimmed">
            {others > 0.5 ? `${hours(others)} asked by other portfolios' projects. ` : ''}
            {c.hiddenHours > 0.5 ? `${hours(c.hiddenHours)} by projects you cannot see.` : ''}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Roles are shared by every portfolio: capacity and demand are the organisation&apos;s; the list names {portfolioId ? "this portfolio's" : 'the'} projects.
        </Text>
      </Stack>
    </Paper>
  );
}
