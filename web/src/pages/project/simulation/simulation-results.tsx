import { Alert, List, Paper, Progress, SimpleGrid, Stack, Table, Title } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle, IconAlertTriangle } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { SimulationResult, SimulationRun } from '../../../api/simulations';
import { DataTable } from '../../../shared/data-table';
import { formatCount, formatDate } from '../../../shared/format';
import { StatCard } from '../../../shared/stat-card';
import { wholeMoney } from './simulation-format';
import { CostHistogram, FinishHistogram, FinishSCurve, Tornado } from './simulation-charts';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const wd = (x: number) => x.toFixed(1);

/** P10 to P90 of the finish (date and working days) and of the cost, beside the plan's own. */
function PercentileTable({ r }: { r: SimulationResult }) {
  const money = (x: number) => wholeMoney(x, r.currency);
  const rows: [string, string, number, number][] = [
    ['Plan (most likely, no risk)', r.finish.dates.deterministic, r.finish.deterministic, r.cost.deterministic],
    ['P10', r.finish.dates.p10, r.finish.p10, r.cost.p10],
    ['P50', r.finish.dates.p50, r.finish.p50, r.cost.p50],
    ['P80', r.finish.dates.p80, r.finish.p80, r.cost.p80],
    ['P90', r.finish.dates.p90, r.finish.p90, r.cost.p90],
    ['Mean', r.finish.dates.mean, r.finish.mean, r.cost.mean],
  ];
  return (
    <Table tabularNums withTableBorder striped aria-label="Percentiles of the finish and the cost" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Confidence</Table.Th>
          <Table.Th ta="right">Finish date</Table.Th>
          <Table.Th ta="right">Working days</Table.Th>
          <Table.Th ta="right">Cost</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([label, date, days, cost]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" fw={label.startsWith('P') ? 600 : 400}>
              {label}
            </Table.Th>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatDate(date)}</Table.Td>
            <Table.Td ta="right">{wd(days)}</Table.Td>
            <Table.Td ta="right">{money(cost)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The chances that matter for a decision: meeting the plan's date, the target, and both date and cost. */
function Chances({ r }: { r: SimulationResult }) {
  const money = (x: number) => wholeMoney(x, r.currency);
  const p = Math.round(r.confidence * 100);
  const items: [string, string, string][] = [
    ['Finish by the plan date', pct(r.finish.probabilityOfDeterministic), formatDate(r.finish.dates.deterministic)],
    ...(r.finish.targetDate ? [['Finish by the target date', pct(r.finish.probabilityOfTarget), formatDate(r.finish.targetDate)] as [string, string, string]] : []),
    ['Within the planned cost', pct(r.cost.probabilityOfDeterministic), money(r.cost.deterministic)],
    ['Both: plan date and cost', pct(r.joint.atDeterministic), 'joint confidence'],
    [`Schedule contingency at P${p}`, `${wd(r.finish.contingency)} d`, `to ${formatDate(r.finish.dates.atConfidence)}`],
    [`Cost contingency at P${p}`, money(r.cost.contingency), `to ${money(r.cost.deterministic + r.cost.contingency)}`],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
      {items.map(([label, value, note]) => (
        <StatCard key={label} label={label} value={value} note={note} />
      ))}
    </SimpleGrid>
  );
}

function Convergence({ r }: { r: SimulationResult }) {
  const c = r.finish.convergence;
  const p = Math.round(r.confidence * 100);
  const text = `Over the last 10% of the ${formatCount(r.iterations)} iterations, P${p} of the finish moved ${pct(c.percentileChange)} and the mean ${pct(c.meanChange)}; the 95% interval of P${p} is ${wd(c.interval[0])}–${wd(c.interval[1])} working days.`;
  return c.converged ? (
    <Alert color="green" icon={<IconCircleCheck size={18} />} title="Converged: enough iterations ran">
      {text}
    </Alert>
  ) : (
    <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Not yet converged: run more iterations">
      {text}
    </Alert>
  );
}

type Crit = SimulationResult['criticality'][number];

/** A finished run: the numbers, the charts, what drives them, and how settled they are. */
export function SimulationResults({ run, projectId }: { run: SimulationRun; projectId: string }) {
  const r = run.result!;
  const navigate = useNavigate();
  return (
    <Stack gap="md" aria-label="Simulation results">
      <Title order={3} size="h4">
        Results: {formatCount(r.iterations)} iterations from {formatDate(r.startDate)}
      </Title>
      <Chances r={r} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <FinishHistogram r={r} />
        <FinishSCurve r={r} />
        <CostHistogram r={r} />
        <Paper withBorder p="sm">
          <Title order={4} size="h5" mb={4}>
            Percentiles
          </Title>
          <PercentileTable r={r} />
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Tornado r={r} onPick={(d) => void navigate(`/projects/${projectId}/${d.kind === 'risk' ? 'raid' : 'schedule'}`)} />
        <Paper withBorder p="sm">
          <Title order={4} size="h5" mb={4}>
            Criticality: share of iterations on the critical path
          </Title>
          <DataTable<Crit>
            caption="Criticality index per task, most critical first"
            minWidth={320}
            rows={r.criticality}
            rowKey={(c) => c.taskId}
            columns={[
              { key: 'task', header: 'Task', render: (c) => c.name },
              { key: 'index', header: 'Criticality', numeric: true, width: 180, render: (c) => (
                <div style={{ display: 'flex', alignItems: 'center', gap: 8, justifyContent: 'flex-end' }}>
                  <Progress value={c.index * 100} w={80} size="sm" color={c.index >= 0.5 ? 'red' : 'blue'} aria-hidden />
                  {pct(c.index)}
                </div>
              ) },
            ]}
          />
        </Paper>
      </SimpleGrid>
      <Convergence r={r} />
      {run.inputs.notes.length > 0 && (
        <Alert color="gray" icon={<IconInfoCircle size={18} />} title="How the plan was modelled">
          <List size="sm">
            {run.inputs.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
