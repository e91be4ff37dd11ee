import { Anchor, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { STAGES, STAGE_LABELS, STATES, STATE_LABELS } from '../../../../src/domain/structure/index.js';
import type { PortfolioSummary } from '../../api/types';
import { useCurrency } from '../../auth/current-organisation';
import { formatCount, formatMoney } from '../../shared/format';
import classes from './portfolio-summary.module.css';

function Stat({ label, value, tone, to }: { label: string; value: string; tone?: 'alert'; to?: string }) {
  const body = (
    <>
      <Text size="xs" c={tone === 'alert' ? 'red.9' : 'dimmed'} fw={600}>
        {label}
      </Text>
      <Text fz={{ base: 18, sm: 22 }} fw={700} className="num" style={{ overflowWrap: 'anywhere' }} c={tone === 'alert' ? 'red.9' : undefined} lh={1.2}>
        {value}
      </Text>
    </>
  );
  return (
    <Paper withBorder p="sm" radius="md" className={classes.stat} data-tone={tone}>
      {to ? (
        <Anchor component={Link} to={to} underline="never" c="inherit" display="block">
          {body}
        </Anchor>
      ) : (
        body
      )}
    </Paper>
  );
}

function Counts({ title, entries, param }: { title: string; entries: { key: string; label: string; n: number }[]; param: 'stage' | 'state' }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {title}
      </Text>
      <Group gap={6} wrap="wrap">
        {entries.map((e) => (
          <Anchor key={e.key} component={Link} to={`?${param}=${e.key}`} className={classes.count} underline="never" aria-label={`${e.label}: ${e.n} projects`}>
            <span className="num">{e.n}</span> {e.label}
          </Anchor>
        ))}
      </Group>
    </Stack>
  );
}

/** The portfolio's numbers: size, unaligned work, budget, and the stage and state mix (each a filter link). */
export function PortfolioSummaryPanel({ summary }: { summary: PortfolioSummary | undefined }) {
  const currency = useCurrency();
  if (!summary) {
    return (
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md" aria-busy="true">
        {[1, 2, 3, 4].map((i) => (
          <Skeleton key={i} h={64} radius="md" />
        ))}
      </SimpleGrid>
    );
  }
  return (
    <Stack gap="sm" mb="lg">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat label="Projects" value={formatCount(summary.projectCount)} />
        <Stat label="Programmes" value={formatCount(summary.programmeCount)} />
        <Stat label="Unaligned projects" value={formatCount(summary.unalignedCount)} tone={summary.unalignedCount > 0 ? 'alert' : undefined} to={summary.unalignedCount > 0 ? '?aligned=false' : undefined} />
        <Stat label={`Total budget (${currency})`} value={formatMoney(summary.totalBudget, currency)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <Counts title="By stage" param="stage" entries={STAGES.map((s) => ({ key: s, label: STAGE_LABELS[s], n: summary.byStage[s] }))} />
        <Counts title="By state" param="state" entries={STATES.map((s) => ({ key: s, label: STATE_LABELS[s], n: summary.byState[s] }))} />
      </SimpleGrid>
    </Stack>
  );
}
