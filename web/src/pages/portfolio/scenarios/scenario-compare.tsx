import { Select, Stack, Table, Text, Title } from '@mantine/core';
import { useScenarioComparison, type Scenario, type ScenarioComparison } from '../../../api/scenarios';
import { ErrorPanel } from '../../../shared/error-panel';

const money = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;

type Side = ScenarioComparison['a'];

/** The lines of the side-by-side table: a label and how to read it off either side. */
function rowsOf(a: Side): [string, (x: Side) => string][] {
  return [
    ['Total score', (x) => x.value.toFixed(1)],
    ['Cost', (x) => money(x.cost)],
    ['Projects funded', (x) => String(x.funded)],
    ['Open risk exposure', (x) => x.riskExposure.toFixed(0)],
    ...a.peakCapacityUse.map((r, i): [string, (x: Side) => string] => [`Peak use of ${r.code}`, (x) => `${Math.round((x.peakCapacityUse[i]?.peak ?? 0) * 100)}%`]),
  ];
}

/** Two scenarios side by side: totals, risk, peak capacity use, and every project they treat differently. */
export function ScenarioCompare({ current, others, other, onOther }: { current: Scenario; others: Scenario[]; other: string | null; onOther: (id: string | null) => void }) {
  const chosen = other === current.id ? null : other;
  const cmp = useScenarioComparison(current.id, chosen);
  const ran = others.filter((s) => s.id !== current.id && s.result);
  return (
    <Stack gap="xs" component="section" aria-labelledby="compare-heading">
      <Title order={4} id="compare-heading">
        Compare
      </Title>
      <Select label="With" placeholder="Another scenario that has been run" data={ran.map((s) => ({ value: s.id, label: s.name }))} value={chosen} onChange={onOther} clearable w={320} />
      {cmp.isError && <ErrorPanel error={cmp.error} what="comparison" onRetry={() => void cmp.refetch()} />}
      {cmp.data && (
        <>
          <Table withTableBorder verticalSpacing={2} aria-label="Scenarios side by side" style={{ fontVariantNumeric: 'tabular-nums' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th ta="right">{cmp.data.a.name}</Table.Th>
                <Table.Th ta="right">{cmp.data.b.name}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rowsOf(cmp.data.a).map(([label, f]) => (
                <Table.Tr key={label}>
                  <Table.Th scope="row" fw={500}>
                    {label}
                  </Table.Th>
                  <Table.Td ta="right">{f(cmp.data.a)}</Table.Td>
                  <Table.Td ta="right">{f(cmp.data.b)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {cmp.data.differences.length === 0 ? (
            <Text size="sm">They fund the same projects at the same starts.</Text>
          ) : (
            <Table verticalSpacing={2} aria-label="Projects the scenarios treat differently">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Project</Table.Th>
                  <Table.Th>{cmp.data.a.name}</Table.Th>
                  <Table.Th>{cmp.data.b.name}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cmp.data.differences.map((d) => (
                  <Table.Tr key={d.projectId}>
                    <Table.Td>
                      {d.code} {d.name}
                    </Table.Td>
                    <Table.Td>{d.inA ? `funded from ${d.startA}` : 'left out'}</Table.Td>
                    <Table.Td>{d.inB ? `funded from ${d.startB}` : 'left out'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  );
}
