import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  BaselineComparison,
  BaselineSummary,
  ComputedTask,
  ImportReport,
  LevelReport,
  LevelRequest,
  LinkCreate,
  ScheduleLink,
  SchedulePlan,
  ScheduleTask,
  ScheduleView,
  TaskCreate,
  TaskPatch,
} from '../../../src/api/schemas/schedule.schema.js';

export type { BaselineComparison, LevelReport, ScheduleLink, SchedulePlan, ScheduleTask, ScheduleView };
/** What a change returns: the record, the recalculated plan and the tasks whose dates moved. */
export type Change<T> = { record: T; plan: SchedulePlan; moved: ComputedTask[] };

export const scheduleKeys = {
  plan: (projectId: string) => ['schedule', projectId] as const,
  baseline: (projectId: string, number: number) => ['schedule', projectId, 'baseline', number] as const,
};

export function useSchedule(projectId: string) {
  return useQuery({ queryKey: scheduleKeys.plan(projectId), queryFn: () => api.get<ScheduleView>(`/projects/${projectId}/schedule`) });
}

export function useBaselineComparison(projectId: string, number: number | null) {
  return useQuery({
    queryKey: scheduleKeys.baseline(projectId, number ?? -1),
    queryFn: () => api.get<BaselineComparison>(`/projects/${projectId}/schedule/baselines/${number}`),
    enabled: number !== null,
  });
}

/** Writes a change into the cached plan at once: the record, the moved dates, the plan. */
function applyChange(client: QueryClient, projectId: string, change: Change<unknown>, record?: (view: ScheduleView) => ScheduleView): void {
  client.setQueryData<ScheduleView>(scheduleKeys.plan(projectId), (view) => {
    if (!view) return view;
    const moved = new Map(change.moved.map((m) => [m.id, m]));
    const next = record ? record(view) : view;
    return {
      ...next,
      plan: change.plan,
      tasks: next.tasks.map((t) => {
        const m = moved.get(t.id);
        return m ? { ...t, ...m } : t;
      }),
    };
  });
  void client.invalidateQueries({ queryKey: ['schedule', projectId, 'baseline'] });
}

/** Every change a person makes to a plan from the Gantt. */
export function useScheduleMutations(projectId: string) {
  const client = useQueryClient();
  const base = `/projects/${projectId}/schedule`;
  const refetch = () => client.invalidateQueries({ queryKey: scheduleKeys.plan(projectId) });
  return {
    patchTask: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: TaskPatch }) => api.patch<Change<ScheduleTask>>(`${base}/tasks/${id}`, patch),
      onSuccess: (change) => applyChange(client, projectId, change, (v) => ({ ...v, tasks: v.tasks.map((t) => (t.id === change.record.id ? change.record : t)) })),
    }),
    createTask: useMutation({
      mutationFn: (input: Partial<TaskCreate> & { name: string }) => api.post<Change<ScheduleTask>>(`${base}/tasks`, input),
      onSuccess: () => void refetch(),
    }),
    moveTask: useMutation({
      mutationFn: ({ id, version, parentId, afterId }: { id: string; version: number; parentId: string | null; afterId: string | null }) => api.post<Change<ScheduleTask>>(`${base}/tasks/${id}/move`, { version, parentId, afterId }),
      onSuccess: () => void refetch(),
    }),
    deleteTask: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) => api.delete<Change<null>>(`${base}/tasks/${id}`, { version }),
      onSuccess: () => void refetch(),
    }),
    createLink: useMutation({
      mutationFn: (input: Partial<LinkCreate> & { predecessorId: string; successorId: string }) => api.post<Change<ScheduleLink>>(`${base}/links`, input),
      onSuccess: (change) => applyChange(client, projectId, change, (v) => ({ ...v, links: [...v.links, change.record] })),
    }),
    patchLink: useMutation({
      mutationFn: ({ id, version, type, lagMinutes }: { id: string; version: number; type: ScheduleLink['type']; lagMinutes: number }) => api.patch<Change<ScheduleLink>>(`${base}/links/${id}`, { version, type, lagMinutes }),
      onSuccess: (change) => applyChange(client, projectId, change, (v) => ({ ...v, links: v.links.map((l) => (l.id === change.record.id ? change.record : l)) })),
    }),
    deleteLink: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) => api.delete<Change<null>>(`${base}/links/${id}`, { version }).then((c) => ({ ...c, id })),
      onSuccess: (change) => applyChange(client, projectId, change, (v) => ({ ...v, links: v.links.filter((l) => l.id !== change.id) })),
    }),
    saveBaseline: useMutation({
      mutationFn: ({ number, name, version }: { number: number; name: string; version?: number }) => api.put<BaselineSummary>(`${base}/baselines/${number}`, { name, ...(version ? { version } : {}) }),
      onSuccess: () => void client.invalidateQueries({ queryKey: ['schedule', projectId] }),
    }),
    level: useMutation({
      mutationFn: (request: Partial<LevelRequest>) => api.post<LevelReport>(`${base}/level`, request),
      onSuccess: () => void client.invalidateQueries({ queryKey: ['schedule', projectId] }),
    }),
    importFile: useMutation({
      mutationFn: ({ text, replace }: { text: string; replace: boolean }) => api.postText<ImportReport>(`${base}/import`, text, 'application/xml', { replace }),
      onSuccess: () => void client.invalidateQueries({ queryKey: ['schedule', projectId] }),
    }),
  };
}
