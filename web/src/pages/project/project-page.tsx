import { Skeleton, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconChartHistogram, IconFileDescription, IconGitPullRequest, IconHistory, IconTarget, IconTimeline, IconUsersGroup } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { usePortfolio, useProject } from '../../api/queries';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { projectPath } from '../../auth/permissions';
import { ErrorPanel } from '../../shared/error-panel';
import { RecordHeader, RecordHeaderSkeleton, type Crumb } from '../../shared/record-header';
import { AlignedChip, StageChip, StateChip } from '../../shared/status-chip';
import type { ProjectContext } from './project-context';
import { RouteTabs, type RouteTab } from '../../shared/route-tabs';

const TABS: readonly RouteTab[] = [
  { value: 'overview', label: 'Overview', icon: IconFileDescription, path: '' },
  { value: 'schedule', label: 'Schedule', icon: IconTimeline, path: 'schedule' },
  { value: 'raid', label: 'Risks & issues', icon: IconAlertTriangle, path: 'raid' },
  { value: 'simulation', label: 'Simulation', icon: IconChartHistogram, path: 'simulation' },
  { value: 'changes', label: 'Changes', icon: IconGitPullRequest, path: 'changes' },
  { value: 'demand', label: 'Demand', icon: IconUsersGroup, path: 'demand' },
  { value: 'strategy', label: 'Strategy', icon: IconTarget, path: 'strategy' },
  { value: 'history', label: 'History', icon: IconHistory, path: 'history' },
];

/** A project: header with its stage, state and alignment, then tabs, each with its own URL. */
export function ProjectPage() {
  const { projectId = '' } = useParams();
  const { orgId, organisation, tree, can } = useCurrentOrganisation();
  const project = useProject(projectId);
  const portfolio = usePortfolio(project.data?.portfolioId ?? '');
  const [forbidden, setForbidden] = useState(false);
  useDocumentTitle(project.data ? `${project.data.code} ${project.data.name} · Pharos` : 'Project · Pharos');

  const p = project.data;
  const context = useMemo<ProjectContext | null>(() => {
    if (!p) return null;
    const path = projectPath(tree, orgId, p);
    return {
      project: p,
      path,
      mode: portfolio.data?.effectivePmoMode,
      may: {
        update: !forbidden && can('project:update', path),
        changeStage: !forbidden && can('project:change-stage', path),
        manageContributions: !forbidden && can('contribution:manage', path),
        readAudit: can('audit:read', path),
      },
      markForbidden: () => setForbidden(true),
    };
  }, [p, tree, orgId, portfolio.data, forbidden, can]);

  if (project.isError) return <ErrorPanel error={project.error} what="project" onRetry={() => void project.refetch()} />;
  if (!p || !context) {
    return (
      <Stack aria-busy="true" aria-label="Loading project">
        <RecordHeaderSkeleton />
        <Skeleton h={34} w={320} />
        <Skeleton h={220} />
      </Stack>
    );
  }

  const pf = tree?.portfolios.find((x) => x.id === p.portfolioId);
  const programmeCrumbs = context.path
    .filter((seg) => seg.type === 'programme')
    .map((seg) => ({ label: pf?.programmes.find((g) => g.id === seg.id)?.name ?? 'Programme', to: `/programmes/${seg.id}` }));
  const crumbs: Crumb[] = [
    { label: organisation?.name ?? 'Portfolios', to: '/' },
    { label: portfolio.data?.name ?? pf?.name ?? 'Portfolio', to: `/portfolios/${p.portfolioId}` },
    ...programmeCrumbs,
    { label: p.name },
  ];

  return (
    <>
      <RecordHeader
        crumbs={crumbs}
        code={p.code}
        title={p.name}
        chips={
          <>
            <StageChip stage={p.stage} />
            <StateChip state={p.state} />
            <AlignedChip aligned={p.aligned} />
          </>
        }
      />
      <RouteTabs tabs={TABS} base={`/projects/${p.id}`} context={context} outletKey={p.id} />
    </>
  );
}
