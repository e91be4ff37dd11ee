import { Alert, Anchor, Group, List, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useContingency, type ContingencyLevel, type ContingencyRollUp } from '../../api/simulations';
import { ErrorPanel } from '../../shared/error-panel';
import { StatCard } from '../../shared/stat-card';
import { formatDate, formatDateTime } from '../../shared/format';
import { wholeMoney } from '../project/simulation/simulation-format';

/** The confidences offered, as percentages; P80 unless the URL says otherwise. */
const CONFIDENCES = [50, 80, 90] as const;
const DEFAULT_CONFIDENCE = 80;

const days = (x: number) => `${x.toFixed(1)} d`;
const dash = <Text span c="dimmed">—</Text>;

type Row = ContingencyRollUp['projects'][number];

function ProjectRow({ r, money }: { r: Row; money: (x: number) => string }) {
  const simulation = `/projects/${r.projectId}/simulation`;
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <Anchor component={Link} to={r.simulationId ? `${simulation}?run=${r.simulationId}` : simulation} size="sm">
          <Text span ff="monospace" size="xs" c="dimmed" mr={6}>
            {r.code}
          </Text>
          {r.name}
        </Anchor>
      </Table.Th>
      {r.simulationId === null ? (
        <>
          <Table.Td>
            <Text size="sm" c="dimmed">
              No run yet
            </Text>
          </Table.Td>
          <Table.Td ta="right">{dash}</Table.Td>
          <Table.Td ta="right">{dash}</Table.Td>
          <Table.Td ta="right">{dash}</Table.Td>
          <Table.Td ta="right">{dash}</Table.Td>
        </>
      ) : (
        <>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.finishedAt ? formatDateTime(r.finishedAt) : ''}</Table.Td>
          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
            {formatDate(r.finishDateAtConfidence)}
          </Table.Td>
          <Table.Td ta="right">{days(r.scheduleContingencyDays!)}</Table.Td>
          <Table.Td ta="right">{money(r.deterministicCost!)}</Table.Td>
          <Table.Td ta="right">{money(r.costContingency!)}</Table.Td>
        </>
      )}
    </Table.Tr>
  );
}

/** The roll-up's table: each project's contingency (or that it has no run yet), then the totals. */
function ContingencyTable({ data }: { data: ContingencyRollUp }) {
  const p = Math.round(data.confidence * 100);
  const money = (x: number) => wholeMoney(x, data.currency);
  const t = data.total;
  return (
    <Table.ScrollContainer minWidth={680} type="native">
      <Table tabularNums withTableBorder verticalSpacing={4} aria-label={`Contingency at P${p} per project`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Project</Table.Th>
            <Table.Th>Latest run</Table.Th>
            <Table.Th ta="right">Finish at P{p}</Table.Th>
            <Table.Th ta="right">Schedule contingency</Table.Th>
            <Table.Th ta="right">Planned cost</Table.Th>
            <Table.Th ta="right">Cost contingency</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.projects.map((r) => (
            <ProjectRow key={r.projectId} r={r} money={money} />
          ))}
        </Table.Tbody>
        {t.simulated > 0 && (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row" colSpan={3}>
                Total of the {t.simulated === 1 ? 'simulated project' : `${t.simulated} simulated projects`}
              </Table.Th>
              <Table.Th ta="right">{days(t.scheduleContingencyDays)}</Table.Th>
              <Table.Th ta="right">{money(t.deterministicCost)}</Table.Th>
              <Table.Th ta="right">{money(t.sumOfCostContingencies)}</Table.Th>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row" colSpan={5} fw={400}>
                Pooled: the cost contingency of the projects together (their risks do not all strike at once)
              </Table.Th>
              <Table.Th ta="right">{money(t.costContingency)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * A programme's or portfolio's risk contingency as a section of its page: at a confidence
 * chosen here (kept in the URL), each project's schedule and cost contingency from its latest
 * finished simulation, the projects without one, and the totals, the cost pooled as well as
 * added up.
 */
export function ContingencySection({ level }: { level: ContingencyLevel }) {
  const [search, setSearch] = useSearchParams();
  const asked = Number(search.get('confidence'));
  const p = (CONFIDENCES as readonly number[]).includes(asked) ? asked : DEFAULT_CONFIDENCE;
  const choose = (value: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (Number(value) === DEFAULT_CONFIDENCE) next.delete('confidence');
        else next.set('confidence', value);
        return next;
      },
      { replace: true },
    );
  const rollUp = useContingency(level, p / 100);
  const data = rollUp.data;
  const money = (x: number) => wholeMoney(x, data?.currency ?? 'GBP');
  const missing = data?.projects.filter((r) => r.simulationId === null) ?? [];

  return (
    <Stack gap="sm" component="section" aria-labelledby="contingency-heading" mt="lg">
      <Group justify="space-between" gap="xs">
        <Title order={2} id="contingency-heading">
          Risk contingency
        </Title>
        <SegmentedControl size="xs" value={String(p)} onChange={choose} data={CONFIDENCES.map((c) => ({ value: String(c), label: `P${c}` }))} aria-label="Confidence" />
      </Group>
      <Text size="sm" c="dimmed" maw={760}>
        What the projects need on top of their plans to finish and to stay within cost with {p}% confidence, from each project's latest finished simulation.
      </Text>
      {rollUp.isError ? (
        <ErrorPanel error={rollUp.error} what="contingency" onRetry={() => void rollUp.refetch()} />
      ) : !data ? (
        <Skeleton h={160} />
      ) : data.projects.length === 0 ? (
        <Text size="sm" c="dimmed">
          No projects to roll up yet.
        </Text>
      ) : (
        <>
          {data.total.simulated === 0 ? (
            <Alert color="gray" icon={<IconInfoCircle size={18} />} title="No project here has a finished simulation yet">
              Run one from a project's Simulation tab; its contingency then shows here.
            </Alert>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" aria-label={`Contingency at P${p}`}>
              <StatCard label={`Schedule contingency at P${p}`} value={`${data.total.scheduleContingencyDays.toFixed(1)} working days`} note={`the projects' own, added up`} />
              <StatCard label={`Cost contingency at P${p}`} value={money(data.total.costContingency)} note={`pooled; ${money(data.total.sumOfCostContingencies)} if each project holds its own`} />
              <StatCard label="Simulated" value={`${data.total.simulated} of ${data.projects.length} projects`} note={missing.length ? `${missing.length} with no run yet, left out` : 'every project has a finished run'} />
            </SimpleGrid>
          )}
          <ContingencyTable data={data} />
          {data.total.simulated > 0 && data.notes.length > 0 && (
            <Alert color="gray" icon={<IconInfoCircle size={18} />} title="Notes on the roll-up">
              <List size="sm">
                {data.notes.map((n) => (
                  <List.Item key={n}>{n}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}
