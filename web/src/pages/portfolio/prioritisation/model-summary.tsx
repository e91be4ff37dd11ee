import { Alert, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ScoringModel } from '../../../api/scoring';
import { colourOf } from './palette';

/** The model at a glance: each criterion's share of the score (the legend of the score bars) and any warning. */
export function ModelSummary({ model }: { model: ScoringModel }) {
  const ratio = model.consistency?.consistencyRatio;
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group gap="xs" justify="space-between">
          <Text size="sm" c="dimmed">
            {model.weighting === 'pairwise' ? 'Weights from pairwise comparisons (AHP)' : 'Weights set directly'}
            {model.description ? ` · ${model.description}` : ''}
          </Text>
          {ratio !== undefined && (
            <Badge variant="light" color={ratio > 0.1 ? 'orange' : 'green'} leftSection={ratio > 0.1 ? <IconAlertTriangle size={12} /> : undefined}>
              Consistency ratio {ratio.toFixed(2)}
            </Badge>
          )}
        </Group>
        <Group gap="md" aria-label="Criteria and their weights">
          {model.criteria.map((c, i) => (
            <Group key={c.id} gap={6} wrap="nowrap">
              <span aria-hidden style={{ width: 12, height: 12, borderRadius: 2, background: colourOf(i), display: 'inline-block' }} />
              <Text size="sm">
                {c.name}{' '}
                <Text span fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {(100 * (model.effectiveWeights[i] ?? 0)).toFixed(0)}%
                </Text>
                <Text span c="dimmed" size="xs">
                  {' '}
                  ({c.source === 'alignment' ? 'from strategy' : c.direction === 'lower-is-better' ? `${c.min}–${c.max}, lower is better` : `${c.min}–${c.max}`})
                </Text>
              </Text>
            </Group>
          ))}
        </Group>
        {model.warnings.map((w) => (
          <Alert key={w} color="orange" icon={<IconAlertTriangle size={16} />} p="xs">
            {w}
          </Alert>
        ))}
      </Stack>
    </Paper>
  );
}
