import { Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { STAGES, STAGE_LABELS } from '../../../../src/domain/structure/index.js';
import type { Portfolio, PortfolioSummary } from '../../api/types';
import { useCurrency } from '../../auth/current-organisation';
import { formatMoney, plural } from '../../shared/format';
import { AlignedChip, StatusChip } from '../../shared/status-chip';
import { IconAlertTriangle } from '@tabler/icons-react';

/** One portfolio on the home page: its size, its stage mix, unaligned work and budget. */
export function PortfolioCard({ portfolio, summary }: { portfolio: Portfolio; summary: PortfolioSummary | undefined }) {
  const currency = useCurrency();
  const href = `/portfolios/${portfolio.id}`;
  return (
    <Card withBorder padding="md" radius="md" component="article" aria-labelledby={`pf-${portfolio.id}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" mb="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="xs" ff="monospace" c="dimmed">
            {portfolio.code}
          </Text>
          <Anchor component={Link} to={href} fw={650} size="md" id={`pf-${portfolio.id}`} style={{ overflowWrap: 'anywhere' }}>
            {portfolio.name}
          </Anchor>
        </Stack>
        {summary &&
          (summary.unalignedCount > 0 ? (
            <Anchor component={Link} to={`${href}?aligned=false`} underline="never" aria-label={`${summary.unalignedCount} unaligned projects in ${portfolio.name}`}>
              <StatusChip label={`${summary.unalignedCount} unaligned`} colour="red" icon={IconAlertTriangle} />
            </Anchor>
          ) : (
            summary.projectCount > 0 && <AlignedChip aligned />
          ))}
      </Group>
      {!summary ? (
        <Stack gap={6} aria-hidden>
          <Skeleton h={12} />
          <Skeleton h={12} w="70%" />
        </Stack>
      ) : (
        <Stack gap="xs">
          <Group gap="md" wrap="wrap">
            <Text size="sm">{plural(summary.projectCount, 'project')}</Text>
            <Text size="sm">{plural(summary.programmeCount, 'programme')}</Text>
            <Text size="sm" ml="auto">
              <Text span size="sm" className="num" fw={650}>
                {formatMoney(summary.totalBudget, currency)}
              </Text>{' '}
              <Text span size="xs" c="dimmed">
                budget
              </Text>
            </Text>
          </Group>
          <SimpleGrid cols={5} spacing={4} aria-label="Projects by stage">
            {STAGES.map((s) => (
              <Anchor key={s} component={Link} to={`${href}?stage=${s}`} underline="never" c="inherit" ta="center" p={4} bg="gray.0" style={{ borderRadius: 4 }}>
                <Text size="md" fw={650} className="num" lh={1.2}>
                  {summary.byStage[s]}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {STAGE_LABELS[s]}
                </Text>
              </Anchor>
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Card>
  );
}
