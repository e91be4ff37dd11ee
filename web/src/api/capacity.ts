import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CapacityMap, DemandPut, DemandSheet, Person, PersonCreate, PersonPatch, ProjectDemand, Role, RoleCreate, RolePatch } from '../../../src/api/schemas/capacity.schema.js';

export type { CapacityMap, DemandSheet, Person, PersonCreate, PersonPatch, ProjectDemand, Role, RoleCreate, RolePatch };

export const capacityKeys = {
  all: ['capacity'] as const,
  roles: (orgId: string) => ['capacity', 'roles', orgId] as const,
  people: (orgId: string) => ['capacity', 'people', orgId] as const,
  map: (orgId: string, from: string, to: string, portfolioId: string | undefined) => ['capacity', 'map', orgId, from, to, portfolioId ?? ''] as const,
  demand: (projectId: string) => ['capacity', 'demand', projectId] as const,
};

export function useRoles(orgId: string) {
  return useQuery({ queryKey: capacityKeys.roles(orgId), queryFn: () => api.get<{ items: Role[] }>(`/organisations/${orgId}/roles`), enabled: !!orgId });
}

export function usePeople(orgId: string) {
  return useQuery({ queryKey: capacityKeys.people(orgId), queryFn: () => api.get<{ items: Person[] }>(`/organisations/${orgId}/people`), enabled: !!orgId });
}

/** Demand against capacity by role and month (`from`–`to` as YYYY-MM), optionally naming one portfolio's projects. */
export function useCapacityMap(orgId: string, from: string, to: string, portfolioId?: string) {
  return useQuery({
    queryKey: capacityKeys.map(orgId, from, to, portfolioId),
    queryFn: ({ signal }) => api.get<CapacityMap>(`/organisations/${orgId}/capacity`, { from, to, portfolioId }, signal),
    enabled: !!orgId,
    placeholderData: keepPreviousData,
  });
}

export function useProjectDemand(projectId: string) {
  return useQuery({ queryKey: capacityKeys.demand(projectId), queryFn: () => api.get<ProjectDemand>(`/projects/${projectId}/demand`) });
}

/** Every capacity change re-reads everything capacity shows (roles, people, demand, the heat maps). */
export function useCapacityMutations(orgId: string) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: capacityKeys.all });
  return {
    createRole: useMutation({ mutationFn: (input: RoleCreate) => api.post<Role>(`/organisations/${orgId}/roles`, input), onSuccess: refresh }),
    updateRole: useMutation({ mutationFn: ({ id, ...input }: RolePatch & { id: string }) => api.patch<Role>(`/roles/${id}`, input), onSuccess: refresh }),
    deleteRole: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/roles/${id}`, { version }), onSuccess: refresh }),
    createPerson: useMutation({ mutationFn: (input: PersonCreate) => api.post<Person>(`/organisations/${orgId}/people`, input), onSuccess: refresh }),
    updatePerson: useMutation({ mutationFn: ({ id, ...input }: PersonPatch & { id: string }) => api.patch<Person>(`/people/${id}`, input), onSuccess: refresh }),
    deletePerson: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/people/${id}`, { version }), onSuccess: refresh }),
    putDemand: useMutation({
      mutationFn: ({ projectId, roleId, ...input }: DemandPut & { projectId: string; roleId: string }) => api.put<DemandSheet>(`/projects/${projectId}/demand/${roleId}`, input),
      onSuccess: refresh,
    }),
  };
}
