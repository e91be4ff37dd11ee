import { Stack, Title } from '@mantine/core';
import { usePortfolioSummary } from '../../api/queries';
import { ChangeSection } from '../change/change-section';
import { ContingencySection } from '../contingency/contingency-section';
import { RaidSection } from '../raid/raid-section';
import { ProjectFilters } from '../../shared/projects/project-filters';
import { ProjectTable } from '../../shared/projects/project-table';
import { toFilters, useProjectListParams } from '../../shared/projects/use-project-list-params';
import { PortfolioSummaryPanel } from './portfolio-summary';
import { UnalignedList } from './unaligned-list';
import { usePortfolioContext } from './portfolio-context';

/** The portfolio's overview tab: its numbers, projects, registers, contingency and changes. */
export function PortfolioOverview() {
  const { portfolio, path, programmes, newProject } = usePortfolioContext();
  const summary = usePortfolioSummary(portfolio.id);
  const list = useProjectListParams();
  const programmeNames = new Map(programmes.map((g) => [g.id, g.name] as const));
  return (
    <Stack gap="lg">
      <PortfolioSummaryPanel summary={summary.data} />
      <UnalignedList summary={summary.data} mode={portfolio.effectivePmoMode} />
      <Stack gap="sm" component="section" aria-labelledby="projects-heading">
        <Title order={2} id="projects-heading">
          Projects
        </Title>
        <ProjectFilters {...list} programmes={programmes.map((g) => ({ value: g.id, label: `${g.code} ${g.name}` }))} />
        <ProjectTable
          filters={toFilters({ portfolioId: portfolio.id }, list.params)}
          sort={list.params.sort}
          onSort={(sort) => list.update({ sort })}
          programmeNames={programmeNames}
          filtered={list.filtered}
          onClearFilters={list.clear}
          onTag={(tag) => list.update({ tag })}
          emptyAction={newProject}
        />
      </Stack>
      <RaidSection level={{ scopeType: 'portfolio', scopeId: portfolio.id }} path={path} />
      <ContingencySection level={{ type: 'portfolio', id: portfolio.id }} />
      <ChangeSection level={{ scopeType: 'portfolio', scopeId: portfolio.id }} />
    </Stack>
  );
}
