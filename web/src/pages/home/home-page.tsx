import { Card, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconBriefcase } from '@tabler/icons-react';
import { usePortfolioSummaries, usePortfolios } from '../../api/queries';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { organisationPath } from '../../auth/permissions';
import { EmptyState } from '../../shared/empty-state';
import { ErrorPanel } from '../../shared/error-panel';
import { RecordHeader } from '../../shared/record-header';
import { NewPortfolioModal } from './new-portfolio-modal';
import { PortfolioCard } from './portfolio-card';
import { useNewItemAction } from '../../shared/use-new-item-action';

/** The organisation's home: its portfolios with their numbers, those needing attention first. */
export function HomePage() {
  const { orgId, organisation, can } = useCurrentOrganisation();
  useDocumentTitle(`${organisation?.name ?? 'Portfolios'} · Pharos`);
  const portfolios = usePortfolios(orgId);
  const [creating, { open, close }] = useDisclosure(false);
  const items = portfolios.data?.items ?? [];
  const summaries = usePortfolioSummaries(orgId);
  const summaryOf = new Map((summaries.data?.items ?? []).map((s) => [s.portfolioId, s] as const));
  // Exceptions first: portfolios with unaligned projects lead, most unaligned first.
  const ordered = [...items].sort((a, b) => (summaryOf.get(b.id)?.unalignedCount ?? 0) - (summaryOf.get(a.id)?.unalignedCount ?? 0) || a.code.localeCompare(b.code));
  const mayCreate = can('portfolio:create', organisationPath(orgId));
  const newButton = useNewItemAction(mayCreate, 'New portfolio', open);
  const needingAttention = ordered.filter((p) => (summaryOf.get(p.id)?.unalignedCount ?? 0) > 0).length;

  return (
    <>
      <RecordHeader crumbs={[{ label: organisation?.name ?? 'Organisation' }]} title="Portfolios" actions={newButton} />
      {portfolios.isError ? (
        <ErrorPanel error={portfolios.error} what="portfolio list" onRetry={() => void portfolios.refetch()} />
      ) : portfolios.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} aria-busy="true" aria-label="Loading portfolios">
          {[1, 2, 3].map((i) => (
            <Card key={i} withBorder padding="md">
              <Skeleton h={18} w="60%" mb="sm" />
              <Skeleton h={12} mb={6} />
              <Skeleton h={12} w="80%" />
            </Card>
          ))}
        </SimpleGrid>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconBriefcase size={22} />}
          title="No portfolios yet"
          description="A portfolio groups the programmes and projects one budget holder steers. Create the first one to start adding projects."
          action={newButton || <Text size="sm">Ask a PMO administrator to create one.</Text>}
        />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {needingAttention > 0
              ? `${needingAttention} of ${items.length} portfolios have projects not aligned to strategy: they are listed first.`
              : `${items.length} portfolios, every project aligned to strategy.`}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
            {ordered.map((p) => (
              <PortfolioCard key={p.id} portfolio={p} summary={summaryOf.get(p.id)} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
      <NewPortfolioModal opened={creating} onClose={close} />
    </>
  );
}
