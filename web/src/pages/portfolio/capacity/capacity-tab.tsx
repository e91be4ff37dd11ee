import { Alert, Anchor, Group, List, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { IconAlertTriangle, IconUsersGroup } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCapacityMap } from '../../../api/capacity';
import { useCurrentOrganisation } from '../../../auth/current-organisation';
import { EmptyState } from '../../../shared/empty-state';
import { ErrorPanel } from '../../../shared/error-panel';
import { usePortfolioContext } from '../portfolio-context';
import { useQueryParams } from '../../../shared/use-query-params';
import { CellDetail } from './cell-detail';
import { addMonths, hours, monthLabel, thisMonth } from './capacity-format';
import { HeatMapTable, type SelectedCell } from './heat-map-table';

const SPANS = ['6', '12', '18', '24'];

/**
 * Demand against capacity for the roles this portfolio's projects need: over-allocated months
 * first, then the heat map (role × month); a cell opens the projects asking for it. The period
 * and the chosen cell live in the URL.
 */
export function CapacityTab() {
  const { portfolio } = usePortfolioContext();
  const { orgId } = useCurrentOrganisation();
  const { params, update } = useQueryParams();
  const from = /^\d{4}-\d{2}$/.test(params.get('from') ?? '') ? params.get('from')! : thisMonth();
  const span = SPANS.includes(params.get('months') ?? '') ? params.get('months')! : '12';
  const to = addMonths(from, Number(span) - 1);
  const map = useCapacityMap(orgId, from, to, portfolio.id);
  const cellParam = params.get('cell');
  const selected: SelectedCell | null = cellParam ? { roleId: cellParam.split('@')[0]!, month: cellParam.split('@')[1] ?? '' } : null;

  if (map.isError) return <ErrorPanel error={map.error} what="capacity" onRetry={() => void map.refetch()} />;
  const data = map.data;
  const names = new Map(data?.roles.map((r) => [r.role.id, r.role.name] as const));
  const hotspots = data?.hotspots ?? [];

  return (
    <Stack gap="md">
      <Group align="flex-end">
        <MonthPickerInput label="From" value={`${from}-01`} onChange={(v) => v && update({ from: String(v).slice(0, 7), cell: null })} w={160} />
        <Select label="Months" data={SPANS} value={span} onChange={(v) => v && update({ months: v, cell: null })} allowDeselect={false} w={100} />
        <Text size="sm" c="dimmed" mb={8}>
          {monthLabel(from)} – {monthLabel(to)}
        </Text>
      </Group>
      {!data ? (
        <Skeleton h={240} aria-label="Loading capacity" />
      ) : data.roles.length === 0 ? (
        <EmptyState
          icon={<IconUsersGroup />}
          title="No roles yet"
          description="Capacity is counted by role (developers, engineers, analysts…): the people in each, their hours, absences and other work. Once roles exist, each project estimates its hours per role and month, and this tab shows where demand exceeds capacity."
          action={
            <Anchor component={Link} to="/resources">
              Set up roles and people
            </Anchor>
          }
        />
      ) : (
        <>
          {hotspots.length > 0 ? (
            <Alert color="red" icon={<IconAlertTriangle size={16} />} title={`${hotspots.length} role-month${hotspots.length === 1 ? ' is' : 's are'} over capacity`}>
              <List size="sm" spacing={2}>
                {hotspots.slice(0, 5).map((h) => (
                  <List.Item key={`${h.roleId}@${h.month}`}>
                    <Anchor component="button" size="sm" onClick={() => update({ cell: `${h.roleId}@${h.month}` })}>
                      {names.get(h.roleId)}, {monthLabel(h.month)}
                    </Anchor>
                    : over by {hours(h.overBy)}
                    {h.utilisation !== null ? ` (${Math.round(h.utilisation * 100)}% of capacity)` : ' (no capacity at all)'}
                  </List.Item>
                ))}
              </List>
              {hotspots.length > 5 && <Text size="xs">and {hotspots.length - 5} more, marked ▲ below.</Text>}
            </Alert>
          ) : (
            <Text size="sm" c="green.8">
              Every role has room for the demand in these months.
            </Text>
          )}
          <Stack gap={4} component="section" aria-labelledby="heat-heading">
            <Title order={3} size="h4" id="heat-heading">
              Demand against capacity
            </Title>
            <Text size="sm" c="dimmed">
              Share of each role&apos;s project hours asked for by every open project; ▲ marks months over capacity. Click a month to see who asks.
            </Text>
            <HeatMapTable map={data} selected={selected} onSelect={(c) => update({ cell: `${c.roleId}@${c.month}` })} portfolioOnly />
          </Stack>
          {selected && <CellDetail map={data} cell={selected} portfolioId={portfolio.id} />}
        </>
      )}
    </Stack>
  );
}
