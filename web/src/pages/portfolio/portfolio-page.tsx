import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconLayoutDashboard, IconListNumbers, IconScale, IconUsersGroup } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { usePortfolio } from '../../api/queries';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { portfolioPath } from '../../auth/permissions';
import { ErrorPanel } from '../../shared/error-panel';
import { PmoModeChip } from '../../shared/pmo-mode-chip';
import { NewProjectModal } from '../../shared/projects/new-project-modal';
import { RecordHeader, RecordHeaderSkeleton } from '../../shared/record-header';
import { useNewItemAction } from '../../shared/use-new-item-action';
import { RouteTabs, type RouteTab } from '../../shared/route-tabs';
import type { PortfolioContext } from './portfolio-context';

const TABS: readonly RouteTab[] = [
  { value: 'overview', label: 'Overview', icon: IconLayoutDashboard, path: '' },
  { value: 'prioritisation', label: 'Prioritisation', icon: IconListNumbers, path: 'prioritisation' },
  { value: 'capacity', label: 'Capacity', icon: IconUsersGroup, path: 'capacity' },
  { value: 'scenarios', label: 'Scenarios', icon: IconScale, path: 'scenarios' },
];

/** A portfolio: header, then tabs, each with its own URL. */
export function PortfolioPage() {
  const { portfolioId = '' } = useParams();
  const { orgId, organisation, tree, can } = useCurrentOrganisation();
  const portfolio = usePortfolio(portfolioId);
  const [creating, { open, close }] = useDisclosure(false);
  useDocumentTitle(`${portfolio.data?.name ?? 'Portfolio'} · Pharos`);

  const programmes = useMemo(() => tree?.portfolios.find((p) => p.id === portfolioId)?.programmes ?? [], [tree, portfolioId]);
  const path = useMemo(() => portfolioPath(orgId, portfolioId), [orgId, portfolioId]);
  const mayCreate = can('project:create', path);
  const newProject = useNewItemAction(mayCreate, 'New project', open);
  const p = portfolio.data;
  const context = useMemo<PortfolioContext | null>(() => (p ? { portfolio: p, path, programmes, newProject } : null), [p, path, programmes, newProject]);
  if (portfolio.isError) return <ErrorPanel error={portfolio.error} what="portfolio" onRetry={() => void portfolio.refetch()} />;
  if (!p || !context) return <RecordHeaderSkeleton />;

  return (
    <>
      <RecordHeader
        crumbs={[{ label: organisation?.name ?? 'Portfolios', to: '/' }, { label: p.name }]}
        code={p.code}
        title={p.name}
        chips={<PmoModeChip mode={p.effectivePmoMode} />}
        actions={newProject}
      />
      <RouteTabs tabs={TABS} base={`/portfolios/${p.id}`} context={context} outletKey={p.id} />
      <NewProjectModal opened={creating} onClose={close} portfolioId={p.id} programmes={programmes} />
    </>
  );
}
