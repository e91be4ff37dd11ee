import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  Assumption,
  Decision,
  Dependency,
  HeatMap,
  Issue,
  IssueCreate,
  IssueDetail,
  IssuePatch,
  RaidAction,
  RaidActionCreate,
  RaidActionPatch,
  Risk,
  RiskCreate,
  RiskDetail,
  RiskListQuery,
  RiskMatrixDocument,
  RiskPatch,
  Trend,
} from '../../../src/api/schemas/raid.schema.js';
import type { Page } from './types';

export type { Assumption, Decision, Dependency, HeatMap, Issue, IssueDetail, RaidAction, Risk, RiskDetail, RiskMatrixDocument, Trend };

/** The level a register shows: a portfolio, a programme or a project. */
export type RaidLevel = { scopeType: 'portfolio' | 'programme' | 'project'; scopeId: string };
export type RiskFilters = Partial<Pick<RiskListQuery, 'status' | 'band' | 'include' | 'q' | 'probability' | 'impact' | 'residual' | 'sort'>>;
export type IssueFilters = { status?: Issue['status']; include?: 'own' | 'escalated' | 'all'; q?: string; sort?: string };

export const raidKeys = {
  all: ['raid'] as const,
  risks: (level: RaidLevel, filters: RiskFilters) => ['raid', 'risks', level, filters] as const,
  heatMap: (level: RaidLevel, residual: boolean) => ['raid', 'heat-map', level, residual] as const,
  trend: (level: RaidLevel, range: TrendRange) => ['raid', 'trend', level, range] as const,
  risk: (id: string) => ['raid', 'risk', id] as const,
  history: (id: string) => ['raid', 'risk', id, 'history'] as const,
  issues: (level: RaidLevel, filters: IssueFilters) => ['raid', 'issues', level, filters] as const,
  issue: (id: string) => ['raid', 'issue', id] as const,
  matrix: (orgId: string) => ['raid', 'matrix', orgId] as const,
};

export function useRiskMatrix(orgId: string) {
  return useQuery({ queryKey: raidKeys.matrix(orgId), queryFn: () => api.get<RiskMatrixDocument>(`/organisations/${orgId}/risk-matrix`), staleTime: 60_000 });
}

export function useRisks(level: RaidLevel, filters: RiskFilters) {
  return useQuery({
    queryKey: raidKeys.risks(level, filters),
    queryFn: ({ signal }) => api.get<Page<Risk>>('/risks', { ...level, ...filters, limit: 200 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useHeatMap(level: RaidLevel, residual: boolean) {
  return useQuery({ queryKey: raidKeys.heatMap(level, residual), queryFn: () => api.get<HeatMap>('/risks/heat-map', { ...level, residual }) });
}

/** The days a trend covers: `from` to `to` (ISO dates) every `stepDays`, with the items the register shows. */
export type TrendRange = { from: string; to: string; stepDays: number; include: 'own' | 'escalated' | 'all' };

export function useRiskTrend(level: RaidLevel, range: TrendRange) {
  return useQuery({ queryKey: raidKeys.trend(level, range), queryFn: ({ signal }) => api.get<Trend>('/risks/trend', { ...level, ...range }, signal), placeholderData: keepPreviousData });
}

export function useRisk(id: string | null) {
  return useQuery({ queryKey: raidKeys.risk(id ?? ''), queryFn: () => api.get<RiskDetail>(`/risks/${id}`), enabled: id !== null });
}

export type RiskReview = { at: string; actorName: string; score: number; residualScore: number | null; status: string; note: string };
export function useRiskHistory(id: string | null) {
  return useQuery({ queryKey: raidKeys.history(id ?? ''), queryFn: () => api.get<{ items: RiskReview[] }>(`/risks/${id}/history`), enabled: id !== null });
}

export function useIssues(level: RaidLevel, filters: IssueFilters) {
  return useQuery({
    queryKey: raidKeys.issues(level, filters),
    queryFn: ({ signal }) => api.get<Page<Issue>>('/issues', { ...level, ...filters, limit: 200 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useIssue(id: string | null) {
  return useQuery({ queryKey: raidKeys.issue(id ?? ''), queryFn: () => api.get<IssueDetail>(`/issues/${id}`), enabled: id !== null });
}

/** Every change to the registers; each refreshes the lists, maps and details it may have moved. */
export function useRaidMutations() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: raidKeys.all });
  return {
    createRisk: useMutation({ mutationFn: (input: Partial<RiskCreate> & Pick<RiskCreate, 'scopeType' | 'scopeId' | 'title' | 'probability' | 'impact'>) => api.post<RiskDetail>('/risks', input), onSuccess: () => void refresh() }),
    patchRisk: useMutation({ mutationFn: ({ id, patch }: { id: string; patch: Partial<RiskPatch> & { version: number } }) => api.patch<RiskDetail>(`/risks/${id}`, patch), onSuccess: () => void refresh() }),
    occurred: useMutation({
      mutationFn: ({ id, version, action }: { id: string; version: number; action: RaidActionCreate }) => api.post<{ risk: RiskDetail; issueId: string }>(`/risks/${id}/occurred`, { version, action }),
      onSuccess: () => void refresh(),
    }),
    addAction: useMutation({
      mutationFn: ({ itemType, itemId, input }: { itemType: 'risk' | 'issue'; itemId: string; input: Partial<RaidActionCreate> & { title: string } }) => api.post<RaidAction>(`/${itemType === 'risk' ? 'risks' : 'issues'}/${itemId}/actions`, input),
      onSuccess: () => void refresh(),
    }),
    patchAction: useMutation({ mutationFn: ({ id, patch }: { id: string; patch: RaidActionPatch }) => api.patch<RaidAction>(`/raid-actions/${id}`, patch), onSuccess: () => void refresh() }),
    createIssue: useMutation({ mutationFn: (input: Partial<IssueCreate> & Pick<IssueCreate, 'scopeType' | 'scopeId' | 'title' | 'severity'>) => api.post<IssueDetail>('/issues', input), onSuccess: () => void refresh() }),
    patchIssue: useMutation({ mutationFn: ({ id, patch }: { id: string; patch: Partial<IssuePatch> & { version: number } }) => api.patch<IssueDetail>(`/issues/${id}`, patch), onSuccess: () => void refresh() }),
  };
}

export type LogKind = 'assumption' | 'dependency' | 'decision';
export type LogItem = Assumption | Dependency | Decision;
export const LOG_PATH: Record<LogKind, 'assumptions' | 'dependencies' | 'decisions'> = { assumption: 'assumptions', dependency: 'dependencies', decision: 'decisions' };

export function useLogItems(kind: LogKind, level: RaidLevel, filters: { include: 'own' | 'escalated' | 'all'; status?: string; sort?: string }) {
  return useQuery({
    queryKey: ['raid', kind, level, filters],
    queryFn: ({ signal }) => api.get<Page<LogItem>>(`/${LOG_PATH[kind]}`, { ...level, ...filters, limit: 200 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLogMutations(kind: LogKind) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: raidKeys.all });
  return {
    create: useMutation({ mutationFn: (input: Record<string, unknown>) => api.post<LogItem>(`/${LOG_PATH[kind]}`, input), onSuccess: () => void refresh() }),
    patch: useMutation({ mutationFn: ({ id, patch }: { id: string; patch: Record<string, unknown> & { version: number } }) => api.patch<LogItem>(`/${LOG_PATH[kind]}/${id}`, patch), onSuccess: () => void refresh() }),
  };
}
