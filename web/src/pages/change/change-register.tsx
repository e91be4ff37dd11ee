import { Badge, Button, Group, Select, Stack, Switch, Text, UnstyledButton } from '@mantine/core';
import { IconGitPullRequest, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useChangeRequests, type ChangeFilters, type ChangeLevel, type ChangeRequest } from '../../api/change';
import { useCurrency } from '../../auth/current-organisation';
import { DataTable, type Column } from '../../shared/data-table';
import { EmptyState } from '../../shared/empty-state';
import { ErrorPanel } from '../../shared/error-panel';
import { formatDate } from '../../shared/format';
import { ChangeDrawer } from './change-drawer';
import { NewChangeModal } from './new-change-modal';
import { BOARD_LABEL, CostImpact, DaysImpact, StatusBadge } from './change-parts';

const STATUSES: ChangeRequest['status'][] = ['draft', 'submitted', 'assessed', 'approved', 'rejected', 'deferred', 'implemented'];

type Props = { level: ChangeLevel; may: { raise: boolean } };

/**
 * A level's change requests: every project's inside it, with where each stands in the
 * workflow, what it costs and moves, and which board must decide. A programme or portfolio
 * can narrow it to the requests waiting for its own board.
 */
export function ChangeRegister({ level, may }: Props) {
  const currency = useCurrency();
  const [status, setStatus] = useState<ChangeRequest['status'] | null>(null);
  const [awaiting, setAwaiting] = useState(false);
  const [sort, setSort] = useState<string>('-ref');
  const [raising, setRaising] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const filters: ChangeFilters = { status: status ?? undefined, awaiting: awaiting ? level.scopeType : undefined, sort: sort as ChangeFilters['sort'] };
  const list = useChangeRequests(level, filters);
  const columns: Column<ChangeRequest>[] = [
    { key: 'ref', header: 'Ref', sortKey: 'ref', width: 64, render: (c) => <Text size="sm" ff="monospace">{c.ref}</Text> },
    {
      key: 'title',
      header: 'Change',
      sortKey: 'title',
      minWidth: 220,
      render: (c) => (
        <Stack gap={0}>
          <UnstyledButton onClick={() => setOpen(c.id)} c="blue" fz="sm" fw={500} ta="left">
            {c.title}
          </UnstyledButton>
          {level.scopeType !== 'project' && (
            <Text size="xs" c="dimmed">
              {c.projectCode} {c.projectName}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: 'status', header: 'Status', render: (c) => <StatusBadge status={c.status} /> },
    { key: 'cost', header: 'Cost', numeric: true, render: (c) => <CostImpact minor={c.costImpact} currency={currency} /> },
    { key: 'finish', header: 'Finish', numeric: true, render: (c) => <DaysImpact days={c.scheduleImpactDays} /> },
    { key: 'board', header: 'Decided by', render: (c) => (c.authority ? BOARD_LABEL[c.authority] : <Text c="dimmed">–</Text>) },
    { key: 'raised', header: 'Raised by', render: (c) => c.requestedByName },
    {
      key: 'updated',
      header: 'Updated',
      sortKey: 'updatedAt',
      render: (c) => (
        <Group gap={4} wrap="nowrap">
          <Text size="sm">{formatDate(c.updatedAt.slice(0, 10))}</Text>
          {c.allowedSteps.some((s) => s === 'approve') && (
            <Badge size="xs" variant="light" color="orange">
              yours to decide
            </Badge>
          )}
        </Group>
      ),
    },
  ];
  if (list.isError) return <ErrorPanel error={list.error} what="change requests" onRetry={() => void list.refetch()} />;
  const items = list.data?.items ?? [];
  const filtered = status !== null || awaiting;
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Select size="xs" w={150} aria-label="Status" data={STATUSES} value={status} onChange={(v) => setStatus(v as ChangeRequest['status'] | null)} placeholder="Any status" clearable />
        <Switch size="sm" label={`Waiting for the ${level.scopeType} board`} checked={awaiting} onChange={(e) => setAwaiting(e.currentTarget.checked)} />
        <div style={{ flex: 1 }} />
        {may.raise && level.scopeType === 'project' && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setRaising(true)}>
            Raise change request
          </Button>
        )}
      </Group>
      {!list.isPending && items.length === 0 && !filtered ? (
        <EmptyState
          icon={<IconGitPullRequest size={22} />}
          title="No change requests"
          description={level.scopeType === 'project' ? 'Raise one when the agreed scope, cost or dates need to change: the right board decides, and an approval re-baselines the plan.' : 'None of the projects here has asked for a change.'}
        />
      ) : (
        <DataTable caption="Change requests" columns={columns} rows={items} rowKey={(c) => c.id} sort={sort} onSort={setSort} loading={list.isPending} minWidth={820} empty={<Text c="dimmed" size="sm">No change requests match.</Text>} />
      )}
      {level.scopeType === 'project' && <NewChangeModal opened={raising} onClose={() => setRaising(false)} projectId={level.scopeId} onCreated={(id) => setOpen(id)} />}
      <ChangeDrawer requestId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
