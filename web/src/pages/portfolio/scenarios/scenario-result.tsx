import { Alert, Anchor, Badge, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ScenarioResult as Result } from '../../../api/scenarios';
import { StatCard } from '../../../shared/stat-card';

const money = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;
const pct = (n: number) => `${(n * 100).toFixed(n < 0.01 ? 2 : 1)}%`;

/** What the optimiser chose and why: the totals beside the ratio rule's, the funded projects, those left out and what would fit them. */
export function ScenarioResultView({ result }: { result: Result }) {
  if (result.status === 'infeasible') {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={16} />} title="The must-do projects do not fit">
        <Stack gap={2}>
          {result.infeasibility.map((s) => (
            <Text key={s.message} size="sm">
              {s.message}
            </Text>
          ))}
        </Stack>
      </Alert>
    );
  }
  const gain = result.value - result.greedy.value;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <StatCard label="Total score funded" value={result.value.toFixed(1)} note={`${result.selected.length} projects`} />
        <StatCard label="Cost" value={money(result.cost)} note={result.budget.totalLimit !== null ? `of ${money(result.budget.totalLimit)}` : 'within the monthly budget'} />
        <StatCard label="Beats the ratio rule by" value={gain > 1e-9 ? `+${gain.toFixed(1)}` : 'the same'} note={`ranking by score per £ funds ${result.greedy.value.toFixed(1)}`} />
        <StatCard label="Optimality" value={result.status === 'optimal' ? 'Proven optimal' : `Gap ${pct(result.gap)}`} note={`HiGHS, ${result.solver.seconds.toFixed(2)} s`} />
      </SimpleGrid>
      {result.binding.length > 0 && (
        <Text size="sm">
          <b>What limits it:</b> {result.binding.map((b) => b.label).join('; ')}.
        </Text>
      )}
      <Stack gap={4} component="section" aria-labelledby="funded-heading">
        <Title order={4} id="funded-heading">
          Funded
        </Title>
        <Table verticalSpacing={2} aria-label="Funded projects" style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th>Starts</Table.Th>
              <Table.Th ta="right">Score</Table.Th>
              <Table.Th ta="right">Cost</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.selected.map((s) => (
              <Table.Tr key={s.projectId}>
                <Table.Td>
                  <Anchor component={Link} to={`/projects/${s.projectId}`} size="sm">
                    {s.code} {s.name}
                  </Anchor>{' '}
                  {s.running && <Badge size="xs" variant="light">under way</Badge>} {s.mustDo && !s.running && <Badge size="xs" variant="light" color="grape">must</Badge>}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {s.start}
                    {s.delayMonths > 0 && (
                      <Text span c="orange.8" size="sm">
                        {' '}
                        ({s.delayMonths} month{s.delayMonths === 1 ? '' : 's'} later than planned)
                      </Text>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{s.value.toFixed(1)}</Table.Td>
                <Table.Td ta="right">{money(s.cost)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      {result.leftOut.length > 0 && (
        <Stack gap={4} component="section" aria-labelledby="left-heading">
          <Title order={4} id="left-heading">
            Left out, and what would fit them
          </Title>
          <Table verticalSpacing={2} aria-label="Projects left out">
            <Table.Tbody>
              {result.leftOut.map((l) => (
                <Table.Tr key={l.projectId}>
                  <Table.Td w="30%">
                    <Anchor component={Link} to={`/projects/${l.projectId}`} size="sm">
                      {l.code} {l.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      score {l.value.toFixed(1)}
                      {l.valueLost !== null ? ` · forcing it in costs ${l.valueLost.toFixed(1)} of the total` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{l.reason}</Text>
                    {l.needs.length > 0 && (
                      <Text size="xs" c="dimmed">
                        To fit: {l.needs.join('; ')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      {result.skipped.length > 0 && (
        <Text size="sm" c="dimmed">
          Not considered: {result.skipped.map((s) => `${s.code} (${s.reason})`).join('; ')}.
        </Text>
      )}
      {result.notes.length > 0 && (
        <Group gap={4}>
          {result.notes.map((n) => (
            <Text key={n} size="xs" c="dimmed">
              {n}
            </Text>
          ))}
        </Group>
      )}
    </Stack>
  );
}
