import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconFileDescription } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useProjectList, type ProjectFilters } from '../../api/queries';
import type { Project } from '../../api/types';
import { useCurrency } from '../../auth/current-organisation';
import { DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';
import { ErrorPanel } from '../error-panel';
import { formatDate, formatMoney } from '../format';
import { AlignedChip, StageChip, StateChip } from '../status-chip';
import { useIsPhone } from '../use-is-phone';
import { ProjectCards } from './project-cards';
import { ProjectNameCell } from './project-name-cell';

type Props = {
  filters: ProjectFilters;
  sort: string;
  onSort: (sort: string) => void;
  /** Programme names by id, shown under each project's name. */
  programmeNames?: Map<string, string>;
  filtered: boolean;
  onClearFilters: () => void;
  onTag: (tag: string) => void;
  /** The first action when the list is empty (e.g. "New project"). */
  emptyAction?: ReactNode;
};

/** A dense, sortable project list with cursor "load more". */
export function ProjectTable({ filters, sort, onSort, programmeNames, filtered, onClearFilters, onTag, emptyAction }: Props) {
  const currency = useCurrency();
  const list = useProjectList(filters);
  const phone = useIsPhone();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: Column<Project>[] = [
    { key: 'code', header: 'Code', sortKey: 'code', width: 84, render: (p) => <Text size="sm" ff="monospace">{p.code}</Text> },
    {
      key: 'name',
      header: 'Name',
      sortKey: 'name',
      minWidth: 180,
      render: (p) => <ProjectNameCell project={p} programme={p.programmeId ? programmeNames?.get(p.programmeId) : undefined} onTag={onTag} />,
    },
    { key: 'stage', header: 'Stage', sortKey: 'stage', width: 108, render: (p) => <StageChip stage={p.stage} size="xs" /> },
    { key: 'state', header: 'State', sortKey: 'state', width: 116, render: (p) => <StateChip state={p.state} size="xs" /> },
    { key: 'start', header: 'Start', sortKey: 'plannedStart', numeric: true, width: 92, render: (p) => formatDate(p.plannedStart) },
    { key: 'finish', header: 'Finish', sortKey: 'plannedFinish', numeric: true, width: 92, render: (p) => formatDate(p.plannedFinish) },
    { key: 'budget', header: 'Budget', sortKey: 'budget', numeric: true, width: 100, render: (p) => formatMoney(p.budget, currency) },
    { key: 'aligned', header: 'Strategy', width: 116, render: (p) => <AlignedChip aligned={p.aligned} size="xs" /> },
  ];
  const empty = filtered ? (
    <EmptyState
      icon={<IconFileDescription size={22} />}
      title="No project matches these filters"
      description="Change or clear the filters to see more projects."
      action={
        <Button variant="light" size="xs" onClick={onClearFilters}>
          Clear filters
        </Button>
      }
    />
  ) : (
    <EmptyState
      icon={<IconFileDescription size={22} />}
      title="No projects here yet"
      description="Projects are the units of change work: each has a stage, dates, a budget, and the strategic objectives it serves."
      action={emptyAction}
    />
  );

  if (list.isError) return <ErrorPanel error={list.error} what="project list" onRetry={() => void list.refetch()} />;

  return (
    <Stack gap="xs">
      <div aria-busy={list.isFetching && !list.isFetchingNextPage} style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}>
        {!phone ? (
          <DataTable caption="Projects" columns={columns} rows={rows} rowKey={(p) => p.id} sort={sort} onSort={onSort} loading={list.isPending} minWidth={820} empty={empty} />
        ) : list.isPending ? (
          <Skeleton h={200} />
        ) : rows.length === 0 ? (
          empty
        ) : (
          <ProjectCards rows={rows} currency={currency} programmeNames={programmeNames} onTag={onTag} />
        )}
      </div>
      <Group justify="space-between">
        <Text size="xs" c="dimmed" aria-live="polite">
          {list.isPending ? 'Loading projects…' : `${rows.length} ${rows.length === 1 ? 'project' : 'projects'} shown${list.hasNextPage ? ', more available' : ''}`}
        </Text>
        {list.hasNextPage && (
          <Button variant="default" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Load more
          </Button>
        )}
      </Group>
    </Stack>
  );
}
