import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import { keys } from './queries';
import type { Contribution, Me, Objective, ObjectiveCreate, Portfolio, PortfolioCreate, Project, ProjectCreate, ProjectPatch } from './types';

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<Me>('/auth/login', input),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      client.clear();
      client.setQueryData(keys.me, me);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(keys.me, null);
    },
  });
}

/** Everything that shows a project's fields: the record, lists, summaries, tree, history. */
function invalidateProjectViews(client: QueryClient, projectId: string): void {
  void client.invalidateQueries({ queryKey: keys.projectsAll });
  void client.invalidateQueries({ queryKey: ['summary'] });
  void client.invalidateQueries({ queryKey: ['tree'] });
  void client.invalidateQueries({ queryKey: ['strategy'] });
  void client.invalidateQueries({ queryKey: keys.audit(projectId) });
}

export function useUpdateProject(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProjectPatch) => api.patch<Project>(`/projects/${projectId}`, patch),
    onSuccess: (project) => {
      client.setQueryData(keys.project(projectId), project);
      invalidateProjectViews(client, projectId);
    },
  });
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectCreate) => api.post<Project>('/projects', input),
    onSuccess: (project) => {
      client.setQueryData(keys.project(project.id), project);
      invalidateProjectViews(client, project.id);
    },
  });
}

export function useCreatePortfolio() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PortfolioCreate) => api.post<Portfolio>('/portfolios', input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['portfolios'] });
      void client.invalidateQueries({ queryKey: ['summary'] });
      void client.invalidateQueries({ queryKey: ['tree'] });
    },
  });
}

export function useCreateObjective() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ObjectiveCreate) => api.post<Objective>('/objectives', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['strategy'] }),
  });
}

/** Add, re-weight and remove a project's contributions to objectives. */
export function useContributionMutations(projectId: string) {
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: keys.contributions(projectId) });
    void client.invalidateQueries({ queryKey: keys.project(projectId) });
    invalidateProjectViews(client, projectId);
  };
  return {
    add: useMutation({
      mutationFn: (input: { objectiveId: string; weight: number }) => api.post<Contribution>(`/projects/${projectId}/contributions`, input),
      onSuccess: refresh,
    }),
    reweight: useMutation({
      mutationFn: (input: { id: string; version: number; weight: number }) =>
        api.patch<Contribution>(`/contributions/${input.id}`, { version: input.version, weight: input.weight }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (input: { id: string; version: number }) => api.delete(`/contributions/${input.id}`, { version: input.version }),
      onSuccess: refresh,
    }),
  };
}
