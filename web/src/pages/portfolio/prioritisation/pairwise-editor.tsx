import { Select, Stack, Table, Text } from '@mantine/core';
import type { Criterion, PairwiseComparison } from '../../../../../src/domain/portfolio/scoring/index.js';
import { comparisonOf, withComparison } from './model-draft';

const INTENSITIES = [9, 7, 5, 3] as const;
const WORDS: Record<number, string> = { 9: 'extremely', 7: 'very strongly', 5: 'strongly', 3: 'moderately' };

/** Saaty's scale as choices that read as sentences, stored as "a over b". */
function options(a: Criterion, b: Criterion) {
  return [
    ...INTENSITIES.map((n) => ({ value: String(n), label: `${a.name} ${WORDS[n]} more important (${n}×)` })),
    { value: '1', label: 'Equally important' },
    ...[...INTENSITIES].reverse().map((n) => ({ value: String(1 / n), label: `${b.name} ${WORDS[n]} more important (${n}×)` })),
  ];
}

function nearest(value: number | null): string | null {
  if (value === null) return null;
  const all = [9, 7, 5, 3, 1, 1 / 3, 1 / 5, 1 / 7, 1 / 9];
  return String(all.reduce((best, v) => (Math.abs(Math.log(v / value)) < Math.abs(Math.log(best / value)) ? v : best), 1));
}

type Props = { criteria: Criterion[]; pairwise: PairwiseComparison[]; onChange: (next: PairwiseComparison[]) => void };

/** Every pair of criteria once, each compared on Saaty's 1–9 scale. */
export function PairwiseEditor({ criteria, pairwise, onChange }: Props) {
  const pairs: [Criterion, Criterion][] = [];
  for (let i = 0; i < criteria.length; i++) for (let j = i + 1; j < criteria.length; j++) pairs.push([criteria[i]!, criteria[j]!]);
  if (pairs.length === 0) return <Text size="sm" c="dimmed">Add a second criterion to compare them.</Text>;
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        For each pair, which matters more to this portfolio, and by how much? Pairs left blank count as equal.
      </Text>
      <Table withRowBorders={false} verticalSpacing={4} aria-label="Pairwise comparisons">
        <Table.Tbody>
          {pairs.map(([a, b]) => (
            <Table.Tr key={`${a.id}|${b.id}`}>
              <Table.Td w="40%">
                <Text size="sm">
                  {a.name} <Text span c="dimmed">vs</Text> {b.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`${a.name} compared with ${b.name}`}
                  data={options(a, b)}
                  value={nearest(comparisonOf(pairwise, a.id, b.id))}
                  placeholder="Not compared yet (equal)"
                  onChange={(v) => v !== null && onChange(withComparison(pairwise, a.id, b.id, Number(v)))}
                  allowDeselect={false}
                  size="xs"
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
