import { Alert, Badge, Button, Group, Select, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useElementSize } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowUpRight, IconPlus, IconSearch, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useHeatMap, useRaidMutations, useRisks, type RaidLevel, type Risk, type RiskFilters, type RiskMatrixDocument } from '../../api/raid';
import { DataTable, type Column } from '../../shared/data-table';
import { EmptyState } from '../../shared/empty-state';
import { ErrorPanel } from '../../shared/error-panel';
import { formatDate } from '../../shared/format';
import { ExposureTrend } from './exposure-trend';
import { HeatMap } from './heat-map';
import { levelOptions, NewRiskModal } from './new-risk-modal';
import classes from './raid.module.css';
import { RegisterTransfer } from './register-transfer';
import { RiskDrawer } from './risk-drawer';
import { ScoreChip } from './score-chip';

type Props = { level: RaidLevel; matrix: RiskMatrixDocument | undefined; may: { raise: boolean; manage: boolean }; include: 'own' | 'escalated' | 'all' };

/**
 * Below this width of the register (heat map and list together) the list is compact: owner,
 * proximity and origin move under the title, the title is cut at two lines (whole in its
 * tooltip), and the flags become icons, so a laptop shows the map and every column without
 * scrolling sideways.
 */
const FULL_WIDTH = 1240;

/** A level's risk register: the heat map and exposure trend beside the list; filter, sort, rate in place, open one for the rest. */
export function RiskRegister({ level, matrix, may, include }: Props) {
  const [status, setStatus] = useState<Risk['status'] | null>('open');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [sort, setSort] = useState<RiskFilters['sort']>('-score');
  const [residual, setResidual] = useState(false);
  const [cell, setCell] = useState<{ probability: number; impact: number } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [raising, setRaising] = useState(false);
  const filters: RiskFilters = { include, status: status ?? undefined, q: q || undefined, sort, ...(cell ? { ...cell, residual } : {}) };
  const risks = useRisks(level, filters);
  const heat = useHeatMap(level, residual);
  const { patchRisk } = useRaidMutations();
  const { ref: layout, width } = useElementSize();
  const compact = width > 0 && width < FULL_WIDTH;
  const rate = (r: Risk, field: 'probability' | 'impact', value: string | null) => value && patchRisk.mutate({ id: r.id, patch: { version: r.version, [field]: Number(value) } });

  const columns: Column<Risk>[] = [
    ...(compact ? [] : [{ key: 'ref', header: 'Ref', sortKey: 'ref', width: 64, render: (r: Risk) => <Text size="sm" ff="monospace">{r.ref}</Text> }]),
    {
      key: 'title',
      header: 'Risk',
      sortKey: 'title',
      minWidth: compact ? 160 : 180,
      render: (r) => (
        <Stack gap={0}>
          <Tooltip label={r.title} disabled={!compact} multiline maw={360} openDelay={300}>
            <UnstyledButton onClick={() => setOpen(r.id)} c="blue" fz="sm" fw={500} className={compact ? classes.clamp : undefined}>
              {compact && (
                <Text span ff="monospace" size="xs" c="dimmed" mr={6}>
                  {r.ref}
                </Text>
              )}
              {r.title}
            </UnstyledButton>
          </Tooltip>
          {compact && (
            <Text size="xs" c="dimmed" truncate="end">
              {[r.ownerName ?? 'no owner', r.proximity && `by ${formatDate(r.proximity)}`].filter(Boolean).join(' · ')}
            </Text>
          )}
          {r.scopeId !== level.scopeId && (
            <Text size="xs" c="dimmed" truncate="end">
              from {r.scopeCode} {r.scopeName}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'probability',
      header: 'P',
      width: 64,
      render: (r) =>
        may.manage && r.status === 'open' ? (
          <Select size="xs" w={56} aria-label={`Probability of ${r.ref}`} data={levelOptions(matrix?.probability ?? []).map((o) => ({ ...o, label: o.value }))} value={String(r.probability)} onChange={(v) => rate(r, 'probability', v)} allowDeselect={false} comboboxProps={{ width: 160 }} renderOption={({ option }) => `${option.value} · ${matrix?.probability[Number(option.value) - 1]?.label ?? ''}`} />
        ) : (
          r.probability
        ),
    },
    {
      key: 'impact',
      header: 'I',
      width: 64,
      render: (r) =>
        may.manage && r.status === 'open' ? (
          <Select size="xs" w={56} aria-label={`Impact of ${r.ref}`} data={levelOptions(matrix?.impact ?? []).map((o) => ({ ...o, label: o.value }))} value={String(r.impact)} onChange={(v) => rate(r, 'impact', v)} allowDeselect={false} comboboxProps={{ width: 160 }} renderOption={({ option }) => `${option.value} · ${matrix?.impact[Number(option.value) - 1]?.label ?? ''}`} />
        ) : (
          r.impact
        ),
    },
    { key: 'score', header: 'Score', sortKey: 'score', numeric: true, width: 70, render: (r) => <ScoreChip score={r.score} band={r.band} matrix={matrix} /> },
    { key: 'residual', header: 'After', sortKey: 'residualScore', numeric: true, width: 70, render: (r) => (r.residualScore === null ? <Text c="dimmed">–</Text> : <ScoreChip score={r.residualScore} band={r.residualBand ?? ''} matrix={matrix} label="After response" />) },
    ...(compact
      ? []
      : [
          { key: 'owner', header: 'Owner', render: (r: Risk) => r.ownerName ?? <Text c="dimmed">–</Text> },
          { key: 'proximity', header: 'Proximity', sortKey: 'proximity', render: (r: Risk) => formatDate(r.proximity) },
        ]),
    {
      key: 'flags',
      header: 'Flags',
      width: compact ? 116 : undefined,
      render: (r) => (
        <Group gap={4} wrap={compact ? 'wrap' : 'nowrap'}>
          {r.status !== 'open' && <Badge variant="light" color="gray" size="sm">{r.status}</Badge>}
          {r.escalation && (
            <Tooltip label={r.escalation.reason}>
              <Badge variant="light" color="orange" size="sm" leftSection={<IconArrowUpRight size={11} />}>
                escalated
              </Badge>
            </Tooltip>
          )}
          {r.overdueActions > 0 && (
            <Tooltip label={`${r.overdueActions} overdue action${r.overdueActions === 1 ? '' : 's'}`}>
              <Badge variant="light" color="red" size="sm">
                {r.overdueActions} overdue
              </Badge>
            </Tooltip>
          )}
          {r.staleReview && (
            <Tooltip label={`Not reviewed since ${formatDate(r.reviewedOn)}`}>
              <Badge variant="light" color="yellow" size="sm" leftSection={<IconAlertTriangle size={11} />}>
                stale
              </Badge>
            </Tooltip>
          )}
        </Group>
      ),
    },
  ];

  if (risks.isError) return <ErrorPanel error={risks.error} what="risk register" onRetry={() => void risks.refetch()} />;
  const items = risks.data?.items ?? [];
  const failure = patchRisk.error ? (isApiError(patchRisk.error) ? patchRisk.error.problem.detail : String(patchRisk.error)) : null;
  return (
    <div className={classes.layout} ref={layout}>
      <div className={classes.side}>
        <HeatMap data={heat.data} residual={residual} onResidual={(v) => (setResidual(v), setCell(null))} selected={cell} onSelect={setCell} />
        <ExposureTrend level={level} include={include} onOpenRisk={setOpen} />
      </div>
      <Stack gap="xs" className={classes.list}>
        <Group gap="xs" wrap="wrap">
          <TextInput size="xs" placeholder="Search risks" leftSection={<IconSearch size={14} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} aria-label="Search risks" w={200} />
          <Select size="xs" w={130} aria-label="Status" data={[{ value: 'open', label: 'Open' }, { value: 'closed', label: 'Closed' }, { value: 'occurred', label: 'Occurred' }]} value={status} onChange={(v) => setStatus(v as Risk['status'] | null)} placeholder="Any status" clearable />
          {cell && (
            <Button size="xs" variant="light" onClick={() => setCell(null)}>
              Cell P{cell.probability} × I{cell.impact} ✕
            </Button>
          )}
          <div style={{ flex: 1 }} />
          <RegisterTransfer register="risks" noun="risk" level={level} query={filters} mayImport={may.raise} />
          {may.raise && (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setRaising(true)}>
              Raise risk
            </Button>
          )}
        </Group>
        {failure && (
          <Alert color="red" role="alert" title="Not saved">
            {failure}
          </Alert>
        )}
        {!risks.isPending && items.length === 0 && !q && !cell && status === 'open' && include !== 'escalated' ? (
          <EmptyState icon={<IconShieldCheck size={22} />} title="No open risks" description="Raise the first one: what could happen, why, and what it would do to the objectives." />
        ) : (
          <DataTable caption="Risks" columns={columns} rows={items} rowKey={(r) => r.id} sort={sort} onSort={(s) => setSort(s as RiskFilters['sort'])} loading={risks.isPending} minWidth={compact ? 480 : 640} empty={<Text c="dimmed" size="sm">No risks match.</Text>} />
        )}
      </Stack>
      <NewRiskModal opened={raising} onClose={() => setRaising(false)} level={level} matrix={matrix} />
      <RiskDrawer riskId={open} onClose={() => setOpen(null)} matrix={matrix} mayManage={may.manage} />
    </div>
  );
}
