import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from './client';
import type { AuditEvent, Contribution, Me, Membership, Organisation, Page, Portfolio, PortfolioSummary, Programme, Project, Strategy, Tree } from './types';

/** Query keys, in one place so mutations invalidate exactly what they change. */
export const keys = {
  me: ['me'] as const,
  organisation: (id: string) => ['organisation', id] as const,
  tree: (orgId: string) => ['tree', orgId] as const,
  portfolios: (orgId: string) => ['portfolios', orgId] as const,
  portfolio: (id: string) => ['portfolio', id] as const,
  summary: (id: string) => ['summary', id] as const,
  summaries: (organisationId: string) => ['summary', 'organisation', organisationId] as const,
  programme: (id: string) => ['programme', id] as const,
  projects: (filters: ProjectFilters) => ['projects', filters] as const,
  projectsAll: ['projects'] as const,
  project: (id: string) => ['project', id] as const,
  contributions: (projectId: string) => ['contributions', projectId] as const,
  audit: (recordId: string) => ['audit', recordId] as const,
  strategy: (orgId: string) => ['strategy', orgId] as const,
  search: (q: string) => ['search', q] as const,
  people: (orgId: string) => ['people', orgId] as const,
};

/** Who is signed in, or `null` when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api.get<Me>('/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (isApiError(error, 401)) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useOrganisation(id: string | undefined) {
  return useQuery({ queryKey: keys.organisation(id ?? ''), queryFn: () => api.get<Organisation>(`/organisations/${id}`), enabled: !!id, staleTime: 5 * 60_000 });
}

export function useTree(orgId: string | undefined) {
  return useQuery({ queryKey: keys.tree(orgId ?? ''), queryFn: () => api.get<Tree>(`/organisations/${orgId}/tree`), enabled: !!orgId });
}

export function usePortfolios(orgId: string | undefined) {
  return useQuery({
    queryKey: keys.portfolios(orgId ?? ''),
    queryFn: () => api.get<Page<Portfolio>>('/portfolios', { organisationId: orgId, limit: 500 }),
    enabled: !!orgId,
  });
}

export function usePortfolio(id: string) {
  return useQuery({ queryKey: keys.portfolio(id), queryFn: () => api.get<Portfolio>(`/portfolios/${id}`) });
}

/** Every visible portfolio's summary in one request (the home page's dashboard). */
export function usePortfolioSummaries(organisationId: string) {
  return useQuery({
    queryKey: keys.summaries(organisationId),
    queryFn: () => api.get<{ items: PortfolioSummary[] }>(`/organisations/${organisationId}/portfolio-summaries`),
  });
}

export function usePortfolioSummary(id: string) {
  return useQuery({ queryKey: keys.summary(id), queryFn: () => api.get<PortfolioSummary>(`/portfolios/${id}/summary`) });
}

export function useProgramme(id: string) {
  return useQuery({ queryKey: keys.programme(id), queryFn: () => api.get<Programme>(`/programmes/${id}`) });
}

/** Filters of a project list, exactly as the API takes them. */
export type ProjectFilters = {
  portfolioId?: string;
  programmeId?: string;
  stage?: string;
  state?: string;
  aligned?: string;
  tag?: string;
  q?: string;
  sort?: string;
};

export const PAGE_SIZE = 50;

/** A project list with cursor "load more"; the previous rows stay while new filters load. */
export function useProjectList(filters: ProjectFilters) {
  return useInfiniteQuery({
    queryKey: keys.projects(filters),
    queryFn: ({ pageParam, signal }) => api.get<Page<Project>>('/projects', { ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string) {
  return useQuery({ queryKey: keys.project(id), queryFn: () => api.get<Project>(`/projects/${id}`) });
}

export function useContributions(projectId: string) {
  return useQuery({
    queryKey: keys.contributions(projectId),
    queryFn: () => api.get<{ items: Contribution[] }>(`/projects/${projectId}/contributions`),
  });
}

export function useAudit(recordId: string) {
  return useInfiniteQuery({
    queryKey: keys.audit(recordId),
    queryFn: ({ pageParam }) => api.get<Page<AuditEvent>>('/audit', { recordId, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useStrategy(orgId: string | undefined) {
  return useQuery({ queryKey: keys.strategy(orgId ?? ''), queryFn: () => api.get<Strategy>(`/organisations/${orgId}/strategy`), enabled: !!orgId });
}

/** Projects whose name or code matches `q`, for the global search box. */
export function useProjectSearch(orgId: string | undefined, q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: [...keys.search(text), orgId],
    queryFn: ({ signal }) => api.get<Page<Project>>('/projects', { organisationId: orgId, q: text, limit: 8, sort: 'code' }, signal),
    enabled: text.length > 0 && !!orgId,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The organisation's people by user id (from its memberships), to show names instead of ids. */
export function usePeople(orgId: string | undefined) {
  return useQuery({
    queryKey: keys.people(orgId ?? ''),
    queryFn: async () => {
      const { items } = await api.get<{ items: (Membership & { userName: string })[] }>(`/organisations/${orgId}/memberships`);
      return new Map(items.map((m) => [m.userId, m.userName] as const));
    },
    enabled: !!orgId,
    staleTime: 5 * 60_000,
  });
}
