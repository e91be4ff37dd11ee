import { Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { explainGap, type ProjectScore } from '../../../../../src/domain/portfolio/scoring/index.js';
import type { RankingRow, ScoringModel } from '../../../api/scoring';
import { useQueryParams } from '../../../shared/use-query-params';

const toScore = (r: RankingRow): ProjectScore => ({ projectId: r.projectId, score: r.score, parts: r.parts, completeness: r.completeness, rank: r.rank });

/**
 * Why any project ranks above any other: pick two and the score gap is split criterion by
 * criterion, with the same engine the server ranks with. The pair lives in the URL.
 */
export function PairCompare({ model, rows }: { model: ScoringModel; rows: RankingRow[] }) {
  const { params, update } = useQueryParams();
  const a = rows.find((r) => r.projectId === params.get('a'));
  const b = rows.find((r) => r.projectId === params.get('b'));
  const data = rows.map((r) => ({ value: r.projectId, label: `${r.rank}. ${r.code} ${r.name}` }));
  const names = new Map(model.criteria.map((c) => [c.id, c.name] as const));
  const [above, below] = a && b ? (a.score >= b.score ? [a, b] : [b, a]) : [null, null];
  const gap = above && below && above.projectId !== below.projectId ? explainGap(toScore(above), toScore(below)) : null;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="pair-heading">
      <Stack gap="xs">
        <Title order={3} size="h5" id="pair-heading">
          Why is one project above another?
        </Title>
        <Group grow>
          <Select label="Project" placeholder="Pick a project" data={data} value={a?.projectId ?? null} onChange={(v) => update({ a: v })} searchable clearable />
          <Select label="Against" placeholder="Pick another" data={data} value={b?.projectId ?? null} onChange={(v) => update({ b: v })} searchable clearable />
        </Group>
        {gap && above && below && (
          <Stack gap={2} aria-label="The gap by criterion">
            <Text size="sm" fw={600}>
              {above.code} is {gap.points.toFixed(1)} points above {below.code} ({above.score.toFixed(1)} against {below.score.toFixed(1)})
            </Text>
            {gap.parts.length === 0 && <Text size="sm">They score the same on every criterion.</Text>}
            {gap.parts.map((p) => (
              <Text key={p.criterionId} size="sm" c={p.points >= 0 ? undefined : 'red.8'}>
                {names.get(p.criterionId)}: {p.points >= 0 ? '+' : '−'}
                {Math.abs(p.points).toFixed(1)} in favour of {p.points >= 0 ? above.code : below.code}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
