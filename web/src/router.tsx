import { createBrowserRouter } from 'react-router';
import { RequireSession } from './auth/require-session';
import { HomePage } from './pages/home/home-page';
import { NotFoundPage } from './pages/not-found/not-found-page';
import { PortfolioOverview } from './pages/portfolio/portfolio-overview';
import { CapacityTab } from './pages/portfolio/capacity/capacity-tab';
import { PortfolioPage } from './pages/portfolio/portfolio-page';
import { ProgrammePage } from './pages/programme/programme-page';
import { HistoryTab } from './pages/project/history-tab';
import { ChangesTab } from './pages/project/changes-tab';
import { DemandTab } from './pages/project/demand-tab';
import { RaidTab } from './pages/project/raid-tab';
import { OverviewTab } from './pages/project/overview-tab';
import { ProjectPage } from './pages/project/project-page';
import { ScheduleTab } from './pages/project/schedule/schedule-tab';
import { StrategyTab } from './pages/project/strategy-tab';
import { RulesPage } from './pages/rules/rules-page';
import { ResourcesPage } from './pages/resources/resources-page';
import { SignInPage } from './pages/sign-in/sign-in-page';
import { StrategyPage } from './pages/strategy/strategy-page';
import { AppLayout } from './shell/app-layout';

/**
 * Every view has its own URL; filters and sort live in the query string so a view can be
 * shared, bookmarked, and walked with back and forward.
 */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'strategy', element: <StrategyPage /> },
          { path: 'rules', element: <RulesPage /> },
          { path: 'resources', element: <ResourcesPage /> },
          {
            path: 'portfolios/:portfolioId',
            element: <PortfolioPage />,
            children: [
              { index: true, element: <PortfolioOverview /> },
              // Loaded on first visit: it draws with ECharts.
              { path: 'prioritisation', lazy: async () => ({ Component: (await import('./pages/portfolio/prioritisation/prioritisation-tab')).PrioritisationTab }) },
              { path: 'capacity', element: <CapacityTab /> },
              { path: 'scenarios', lazy: async () => ({ Component: (await import('./pages/portfolio/scenarios/scenarios-tab')).ScenariosTab }) },
            ],
          },
          { path: 'programmes/:programmeId', element: <ProgrammePage /> },
          {
            path: 'projects/:projectId',
            element: <ProjectPage />,
            children: [
              { index: true, element: <OverviewTab /> },
              { path: 'schedule', element: <ScheduleTab /> },
              { path: 'raid', element: <RaidTab /> },
              // Loaded on first visit: its charts (ECharts) are the app's largest dependency.
              { path: 'simulation', lazy: async () => ({ Component: (await import('./pages/project/simulation/simulation-tab')).SimulationTab }) },
              { path: 'changes', element: <ChangesTab /> },
              { path: 'demand', element: <DemandTab /> },
              { path: 'strategy', element: <StrategyTab /> },
              { path: 'history', element: <HistoryTab /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
