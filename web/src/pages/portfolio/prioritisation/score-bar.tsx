import { Box, Group, Text, Tooltip } from '@mantine/core';
import type { Criterion } from '../../../../../src/domain/portfolio/scoring/index.js';
import type { RankingRow } from '../../../api/scoring';
import { colourOf } from './palette';

/** The score as a number and a bar split by criterion (each part's points), out of 100. */
export function ScoreBar({ row, criteria }: { row: RankingRow; criteria: Criterion[] }) {
  const breakdown = row.parts.map((p, i) => `${criteria[i]?.name}: ${p.points.toFixed(1)}`).join(', ');
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" fw={600} w={36} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {row.score.toFixed(1)}
      </Text>
      <Tooltip label={breakdown} multiline w={260}>
        <Box
          role="img"
          aria-label={`Score ${row.score.toFixed(1)} of 100: ${breakdown}`}
          style={{ display: 'flex', width: 90, height: 12, background: 'var(--mantine-color-gray-2)', borderRadius: 2, overflow: 'hidden' }}
        >
          {row.parts.map((p, i) => (
            <span key={p.criterionId} style={{ width: `${p.points}%`, background: colourOf(i) }} />
          ))}
        </Box>
      </Tooltip>
    </Group>
  );
}
