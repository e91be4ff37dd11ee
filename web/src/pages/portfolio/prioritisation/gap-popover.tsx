import { Button, Popover, Stack, Text } from '@mantine/core';
import type { Criterion } from '../../../../../src/domain/portfolio/scoring/index.js';
import type { RankingRow } from '../../../api/scoring';

function signed(points: number): string {
  return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}`;
}

/** Why a project ranks above the next one: the score gap criterion by criterion, largest first. */
export function GapPopover({ row, next, criteria }: { row: RankingRow; next: RankingRow | undefined; criteria: Criterion[] }) {
  const gap = row.gapToNext;
  if (!gap || !next) return null;
  const name = new Map(criteria.map((c) => [c.id, c.name] as const));
  const summary = gap.points < 1e-9 ? 'Level' : signed(gap.points);
  return (
    <Popover width={320} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" aria-label={`Why ${row.code} is above ${next.code}`}>
          {summary}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {row.code} is {gap.points.toFixed(1)} points above {next.code}
          </Text>
          {gap.parts.length === 0 && <Text size="sm">They score the same on every criterion.</Text>}
          {gap.parts.map((p) => (
            <Text key={p.criterionId} size="sm" c={p.points >= 0 ? undefined : 'red.8'}>
              {name.get(p.criterionId)}: {signed(p.points)} {p.points >= 0 ? `in favour of ${row.code}` : `in favour of ${next.code}`}
            </Text>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
