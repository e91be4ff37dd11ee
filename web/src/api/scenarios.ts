import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Frontier, Scenario, ScenarioComparison, ScenarioCreate, ScenarioPut, ScenarioResult, ScenarioSettingsInput } from '../../../src/api/schemas/scenario.schema.js';

export type { Frontier, Scenario, ScenarioComparison, ScenarioResult, ScenarioSettingsInput };

export const scenarioKeys = {
  all: ['scenarios'] as const,
  list: (portfolioId: string) => ['scenarios', 'list', portfolioId] as const,
  compare: (a: string, b: string) => ['scenarios', 'compare', a, b] as const,
  frontier: (id: string, version: number) => ['scenarios', 'frontier', id, version] as const,
};

export function useScenarios(portfolioId: string) {
  return useQuery({ queryKey: scenarioKeys.list(portfolioId), queryFn: () => api.get<{ items: Scenario[] }>(`/portfolios/${portfolioId}/scenarios`) });
}

export function useScenarioComparison(a: string | null, b: string | null) {
  return useQuery({ queryKey: scenarioKeys.compare(a ?? '', b ?? ''), queryFn: () => api.get<ScenarioComparison>('/scenarios/compare', { a, b }), enabled: !!a && !!b && a !== b, retry: false });
}

/** The frontier is a dozen optimisations: only when asked for. */
export function useFrontier(scenario: Scenario | null, enabled: boolean) {
  return useQuery({ queryKey: scenarioKeys.frontier(scenario?.id ?? '', scenario?.version ?? 0), queryFn: () => api.get<Frontier>(`/scenarios/${scenario!.id}/frontier`, { points: 10 }), enabled: enabled && !!scenario, staleTime: Infinity });
}

/** Creating, saving, running, publishing; publishing also changes projects' states, so every list is re-read. */
export function useScenarioMutations(portfolioId: string) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: scenarioKeys.all });
  return {
    create: useMutation({ mutationFn: (input: ScenarioCreate) => api.post<Scenario>(`/portfolios/${portfolioId}/scenarios`, input), onSuccess: refresh }),
    save: useMutation({ mutationFn: ({ id, ...input }: ScenarioPut & { id: string }) => api.put<Scenario>(`/scenarios/${id}`, input), onSuccess: refresh }),
    remove: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/scenarios/${id}`, { version }), onSuccess: refresh }),
    run: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.post<Scenario>(`/scenarios/${id}/run`, { version }), onSuccess: refresh }),
    publish: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.post<Scenario>(`/scenarios/${id}/publish`, { version }), onSuccess: () => void client.invalidateQueries() }),
  };
}
