import { Alert, Badge, Button, Group, Paper, Progress, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconChartHistogram, IconPlayerStop } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useSimulation, useSimulationMutations, useSimulations, type SimulationRun } from '../../../api/simulations';
import { useCurrentOrganisation } from '../../../auth/current-organisation';
import { DataTable } from '../../../shared/data-table';
import { EmptyState } from '../../../shared/empty-state';
import { ErrorPanel } from '../../../shared/error-panel';
import { formatCount, formatDate, formatDateTime, plural } from '../../../shared/format';
import { useProjectContext } from '../project-context';
import { SimulationForm } from './simulation-form';
import { SimulationResults } from './simulation-results';

const STATUS: Record<SimulationRun['status'], { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Running', color: 'blue' },
  done: { label: 'Done', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

const bandText = (b: SimulationRun['options']['band']) => `${b.dist} ${Math.round(b.min * 100)}/${Math.round(b.mode * 100)}/${Math.round(b.max * 100)}%`;

/** A run under way: how far it has gone, and a way to stop it. */
function RunProgress({ run, mayCancel, onCancel, cancelling }: { run: SimulationRun; mayCancel: boolean; onCancel: () => void; cancelling: boolean }) {
  const share = run.progress.total ? run.progress.done / run.progress.total : 0;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>
          {run.status === 'queued' ? 'Waiting for the simulation workers…' : `Simulating: ${formatCount(run.progress.done)} of ${formatCount(run.progress.total)} iterations`}
        </Text>
        {mayCancel && (
          <Button size="xs" variant="light" color="red" leftSection={<IconPlayerStop size={14} />} onClick={onCancel} loading={cancelling}>
            Cancel
          </Button>
        )}
      </Group>
      <Progress value={share * 100} size="lg" striped animated aria-label="Simulation progress" />
      <Text size="xs" c="dimmed" mt={4}>
        You can leave this page: the run goes on, and its result will be here.
      </Text>
    </Paper>
  );
}

/**
 * The project's Monte Carlo risk analysis: start a run of the plan and the quantified risks,
 * watch it progress (or cancel it), read its result; earlier runs stay listed with their inputs.
 * The run shown is in the URL (`?run=`), so a result can be shared.
 */
export function SimulationTab() {
  const { project, path } = useProjectContext();
  const { can } = useCurrentOrganisation();
  const mayRun = can('raid:manage', path);
  const [params, setParams] = useSearchParams();
  const runs = useSimulations(project.id);
  const chosen = params.get('run') ?? runs.data?.items[0]?.id ?? null;
  const run = useSimulation(chosen);
  const { start, cancel } = useSimulationMutations(project.id);
  const show = (id: string) => setParams((p) => (p.set('run', id), p), { replace: false });

  if (runs.isError) return <ErrorPanel error={runs.error} what="simulations" onRetry={() => void runs.refetch()} />;
  const current = run.data;
  const underWay = current && (current.status === 'queued' || current.status === 'running');
  return (
    <Stack gap="md">
      {mayRun ? (
        <SimulationForm pending={start.isPending} error={start.error} disabled={Boolean(underWay)} onStart={(body) => start.mutate(body, { onSuccess: (r) => show(r.id) })} />
      ) : (
        <Text c="dimmed" size="sm">
          Running a simulation needs the right to manage the project&apos;s risks; you can read the runs below.
        </Text>
      )}
      {runs.isLoading ? (
        <Skeleton h={200} />
      ) : runs.data?.items.length === 0 ? (
        <EmptyState icon={<IconChartHistogram size={28} />} title="No simulation yet" description="A simulation runs the plan thousands of times with uncertain durations and the register's quantified risks, and gives the chance of each finish date and cost, what drives them, and the contingency to hold." />
      ) : null}
      {current && underWay && <RunProgress run={current} mayCancel={mayRun} cancelling={cancel.isPending} onCancel={() => cancel.mutate(current.id)} />}
      {current?.status === 'failed' && (
        <Alert color="red" title="The run failed">
          {current.error}
        </Alert>
      )}
      {current?.status === 'cancelled' && <Alert color="gray" title="The run was cancelled">It stopped before it finished and kept no result.</Alert>}
      {current?.status === 'done' && current.result && <SimulationResults run={current} projectId={project.id} />}
      {runs.data && runs.data.items.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            Runs
          </Title>
          <DataTable<SimulationRun>
            caption="The project's simulation runs, newest first"
            rows={runs.data.items}
            rowKey={(r) => r.id}
            minWidth={760}
            columns={[
              { key: 'when', header: 'Started', render: (r) => (
                <UnstyledButton onClick={() => show(r.id)} fw={r.id === chosen ? 700 : 400} td="underline" aria-current={r.id === chosen || undefined}>
                  {formatDateTime(r.createdAt)}
                </UnstyledButton>
              ) },
              { key: 'by', header: 'By', render: (r) => r.startedByName },
              { key: 'status', header: 'Status', minWidth: 100, render: (r) => <Badge color={STATUS[r.status].color} variant="light">{STATUS[r.status].label}</Badge> },
              { key: 'iterations', header: 'Iterations', numeric: true, render: (r) => formatCount(r.options.iterations) },
              { key: 'seed', header: 'Seed', numeric: true, render: (r) => r.options.seed },
              { key: 'band', header: 'Spread', render: (r) => bandText(r.options.band) },
              { key: 'target', header: 'Target', render: (r) => formatDate(r.options.targetDate) || '—' },
              { key: 'confidence', header: 'Confidence', numeric: true, render: (r) => `P${Math.round(r.options.confidence * 100)}` },
              { key: 'inputs', header: 'Inputs', render: (r) => `${plural(r.inputs.tasks, 'task')}, ${plural(r.inputs.risks.length, 'risk')} (plan rev. ${r.inputs.planRevision})` },
            ]}
          />
        </Paper>
      )}
    </Stack>
  );
}
