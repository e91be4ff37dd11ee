import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ChangeForecast, ChangeListQuery, ChangeRequest, ChangeRequestCreate, ChangeRequestDetail, ChangeRequestPatch, ChangeStepInput } from '../../../src/api/schemas/change.schema.js';
import type { Page } from './types';

export type { ChangeForecast, ChangeRequest, ChangeRequestDetail };

/** The level a change register shows: the requests of every project inside it. */
export type ChangeLevel = { scopeType: 'portfolio' | 'programme' | 'project'; scopeId: string };
export type ChangeFilters = Partial<Pick<ChangeListQuery, 'status' | 'awaiting' | 'q' | 'sort'>>;

export const changeKeys = {
  all: ['change'] as const,
  list: (level: ChangeLevel, filters: ChangeFilters) => ['change', 'list', level, filters] as const,
  one: (id: string) => ['change', 'one', id] as const,
  forecast: (id: string, version: number) => ['change', 'forecast', id, version] as const,
};

export function useChangeRequests(level: ChangeLevel, filters: ChangeFilters) {
  return useQuery({
    queryKey: changeKeys.list(level, filters),
    queryFn: ({ signal }) => api.get<Page<ChangeRequest>>('/change-requests', { ...level, ...filters, limit: 200 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useChangeRequest(id: string | null) {
  return useQuery({ queryKey: changeKeys.one(id ?? ''), queryFn: () => api.get<ChangeRequestDetail>(`/change-requests/${id}`), enabled: id !== null });
}

/** The plan's finish with the request's task changes made (only worth asking while it can still be decided). */
export function useChangeForecast(request: ChangeRequest | undefined) {
  const live = request !== undefined && request.taskChanges.length > 0 && !['approved', 'rejected', 'implemented'].includes(request.status);
  return useQuery({ queryKey: changeKeys.forecast(request?.id ?? '', request?.version ?? 0), queryFn: () => api.get<ChangeForecast>(`/change-requests/${request!.id}/forecast`), enabled: live, retry: false });
}

/** Every change to change requests; approval also moves the plan, the budget and the decision log. */
export function useChangeMutations() {
  const client = useQueryClient();
  const refresh = (everything = false) => {
    void client.invalidateQueries({ queryKey: changeKeys.all });
    if (everything) {
      void client.invalidateQueries({ queryKey: ['raid'] });
      void client.invalidateQueries({ queryKey: ['schedule'] });
      void client.invalidateQueries({ queryKey: ['project'] });
      void client.invalidateQueries({ queryKey: ['projects'] });
    }
  };
  return {
    create: useMutation({ mutationFn: (input: Partial<ChangeRequestCreate> & Pick<ChangeRequestCreate, 'projectId' | 'title'>) => api.post<ChangeRequestDetail>('/change-requests', input), onSuccess: () => refresh() }),
    patch: useMutation({ mutationFn: ({ id, patch }: { id: string; patch: Partial<ChangeRequestPatch> & { version: number } }) => api.patch<ChangeRequestDetail>(`/change-requests/${id}`, patch), onSuccess: () => refresh() }),
    step: useMutation({
      mutationFn: ({ id, input }: { id: string; input: Partial<ChangeStepInput> & Pick<ChangeStepInput, 'step' | 'version'> }) => api.post<ChangeRequestDetail>(`/change-requests/${id}/steps`, input),
      onSuccess: (_d, v) => refresh(v.input.step === 'approve' || v.input.step === 'reject' || v.input.step === 'defer'),
    }),
    remove: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/change-requests/${id}`, { version }), onSuccess: () => refresh() }),
  };
}
