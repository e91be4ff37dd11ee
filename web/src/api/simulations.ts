import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ContingencyRollUp, SimulationRun, SimulationStart } from '../../../src/api/schemas/simulation.schema.js';

export type { ContingencyRollUp, SimulationRun, SimulationStart };
export type SimulationResult = NonNullable<SimulationRun['result']>;

export const simulationKeys = {
  list: (projectId: string) => ['simulations', 'project', projectId] as const,
  run: (id: string) => ['simulations', 'run', id] as const,
  contingency: (level: ContingencyLevel, confidence: number) => ['simulations', 'contingency', level, confidence] as const,
};

/** A programme or portfolio whose projects' contingency is rolled up. */
export type ContingencyLevel = { type: 'programme' | 'portfolio'; id: string };

const listRuns = (projectId: string, signal: AbortSignal) => api.get<{ items: SimulationRun[] }>(`/projects/${projectId}/simulations`, { limit: 50 }, signal);

const active = (run: SimulationRun | undefined) => run !== undefined && (run.status === 'queued' || run.status === 'running');

/** The project's runs, newest first; polled while one of them is under way. */
export function useSimulations(projectId: string) {
  return useQuery({
    queryKey: simulationKeys.list(projectId),
    queryFn: ({ signal }) => listRuns(projectId, signal),
    refetchInterval: (q) => (q.state.data?.items.some(active) ? 1000 : false),
  });
}

/**
 * The project's latest finished run (without its result), or null: the same list as the
 * Simulation tab's, read here without polling.
 */
export function useLatestDoneSimulation(projectId: string) {
  return useQuery({
    queryKey: simulationKeys.list(projectId),
    queryFn: ({ signal }) => listRuns(projectId, signal),
    select: (data) => data.items.find((r) => r.status === 'done') ?? null,
  });
}

/** One run with its result; polled every half second until it has finished. */
export function useSimulation(id: string | null) {
  return useQuery({
    queryKey: simulationKeys.run(id ?? ''),
    queryFn: ({ signal }) => api.get<SimulationRun>(`/simulations/${id}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (q) => (active(q.state.data) ? 500 : false),
  });
}

export function useSimulationMutations(projectId: string) {
  const qc = useQueryClient();
  const refresh = (run: SimulationRun) => {
    qc.setQueryData(simulationKeys.run(run.id), run);
    void qc.invalidateQueries({ queryKey: simulationKeys.list(projectId) });
  };
  return {
    start: useMutation({ mutationFn: (body: Partial<SimulationStart>) => api.post<SimulationRun>(`/projects/${projectId}/simulations`, body), onSuccess: refresh }),
    cancel: useMutation({ mutationFn: (id: string) => api.post<SimulationRun>(`/simulations/${id}/cancel`), onSuccess: refresh }),
  };
}

/** Schedule and cost contingency at `confidence` (0.8: P80) from each project's latest finished run, rolled up. */
export function useContingency(level: ContingencyLevel, confidence: number) {
  return useQuery({
    queryKey: simulationKeys.contingency(level, confidence),
    queryFn: ({ signal }) => api.get<ContingencyRollUp>(`/${level.type === 'programme' ? 'programmes' : 'portfolios'}/${level.id}/contingency`, { confidence }, signal),
    placeholderData: keepPreviousData,
  });
}
