import { Alert, Anchor, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PmoMode } from '../../../../src/domain/structure/index.js';
import type { PortfolioSummary } from '../../api/types';
import { StageChip } from '../../shared/status-chip';

/** Exceptions first: the projects serving no strategic objective, each a link to fix it. */
export function UnalignedList({ summary, mode }: { summary: PortfolioSummary | undefined; mode: PmoMode | undefined }) {
  if (!summary || summary.unaligned.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={`${summary.unalignedCount} ${summary.unalignedCount === 1 ? 'project serves' : 'projects serve'} no strategic objective`}
      mb="lg"
      role="region"
    >
      <Text size="sm" mb={6}>
        {mode === 'supportive'
          ? 'Link each to an objective on its Strategy tab: the PMO asks that every project serves the strategy.'
          : `Link each to an objective on its Strategy tab: in ${mode ?? 'controlling'} mode a project cannot leave the proposal stage until it is aligned.`}
      </Text>
      <List size="sm" spacing={4} listStyleType="none" ml={0}>
        {summary.unaligned.map((p) => (
          <List.Item key={p.id}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" ff="monospace" c="dimmed" style={{ flexShrink: 0 }}>
                {p.code}
              </Text>
              <Anchor component={Link} to={`/projects/${p.id}/strategy`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {p.name}
              </Anchor>
              <StageChip stage={p.stage} size="xs" />
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
