import { Stack, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { useParams } from 'react-router';
import { usePortfolio, usePortfolioSummary } from '../../api/queries';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { portfolioPath } from '../../auth/permissions';
import { ChangeSection } from '../change/change-section';
import { ContingencySection } from '../contingency/contingency-section';
import { RaidSection } from '../raid/raid-section';
import { ErrorPanel } from '../../shared/error-panel';
import { PmoModeChip } from '../../shared/pmo-mode-chip';
import { NewProjectModal } from '../../shared/projects/new-project-modal';
import { ProjectFilters } from '../../shared/projects/project-filters';
import { ProjectTable } from '../../shared/projects/project-table';
import { toFilters, useProjectListParams } from '../../shared/projects/use-project-list-params';
import { RecordHeader, RecordHeaderSkeleton } from '../../shared/record-header';
import { PortfolioSummaryPanel } from './portfolio-summary';
import { UnalignedList } from './unaligned-list';
import { useNewItemAction } from '../../shared/use-new-item-action';

export function PortfolioPage() {
  const { portfolioId = '' } = useParams();
  const { orgId, organisation, tree, can } = useCurrentOrganisation();
  const portfolio = usePortfolio(portfolioId);
  const summary = usePortfolioSummary(portfolioId);
  const list = useProjectListParams();
  const [creating, { open, close }] = useDisclosure(false);
  useDocumentTitle(`${portfolio.data?.name ?? 'Portfolio'} · Pharos`);

  const programmes = tree?.portfolios.find((p) => p.id === portfolioId)?.programmes ?? [];
  const programmeNames = new Map(programmes.map((g) => [g.id, g.name] as const));
  const mayCreate = can('project:create', portfolioPath(orgId, portfolioId));
  const newProject = useNewItemAction(mayCreate, 'New project', open);
  if (portfolio.isError) return <ErrorPanel error={portfolio.error} what="portfolio" onRetry={() => void portfolio.refetch()} />;

  return (
    <>
      {portfolio.data ? (
        <RecordHeader
          crumbs={[{ label: organisation?.name ?? 'Portfolios', to: '/' }, { label: portfolio.data.name }]}
          code={portfolio.data.code}
          title={portfolio.data.name}
          chips={<PmoModeChip mode={portfolio.data.effectivePmoMode} />}
          actions={newProject}
        />
      ) : (
        <RecordHeaderSkeleton />
      )}
      <PortfolioSummaryPanel summary={summary.data} />
      <UnalignedList summary={summary.data} mode={portfolio.data?.effectivePmoMode} />
      <Stack gap="sm" component="section" aria-labelledby="projects-heading">
        <Title order={2} id="projects-heading">
          Projects
        </Title>
        <ProjectFilters {...list} programmes={programmes.map((g) => ({ value: g.id, label: `${g.code} ${g.name}` }))} />
        <ProjectTable
          filters={toFilters({ portfolioId }, list.params)}
          sort={list.params.sort}
          onSort={(sort) => list.update({ sort })}
          programmeNames={programmeNames}
          filtered={list.filtered}
          onClearFilters={list.clear}
          onTag={(tag) => list.update({ tag })}
          emptyAction={newProject}
        />
      </Stack>
      {portfolio.data && <RaidSection level={{ scopeType: 'portfolio', scopeId: portfolioId }} path={portfolioPath(orgId, portfolioId)} />}
      {portfolio.data && <ContingencySection level={{ type: 'portfolio', id: portfolioId }} />}
      {portfolio.data && <ChangeSection level={{ scopeType: 'portfolio', scopeId: portfolioId }} />}
      {portfolio.data && <NewProjectModal opened={creating} onClose={close} portfolioId={portfolioId} programmes={programmes} />}
    </>
  );
}
