import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Ranking, RankingRow, ScoreSheet, ScoreSheetPut, ScoringModel, ScoringModelCreate, ScoringModelPut } from '../../../src/api/schemas/scoring.schema.js';

export type { Ranking, RankingRow, ScoreSheet, ScoringModel, ScoringModelCreate };

export const scoringKeys = {
  all: ['scoring'] as const,
  models: (portfolioId: string) => ['scoring', 'models', portfolioId] as const,
  ranking: (modelId: string, include: string) => ['scoring', 'ranking', modelId, include] as const,
};

export function useScoringModels(portfolioId: string) {
  return useQuery({
    queryKey: scoringKeys.models(portfolioId),
    queryFn: () => api.get<{ items: ScoringModel[] }>(`/portfolios/${portfolioId}/scoring-models`),
  });
}

export function useRanking(modelId: string | null, include: 'open' | 'all') {
  return useQuery({
    queryKey: scoringKeys.ranking(modelId ?? '', include),
    queryFn: ({ signal }) => api.get<Ranking>(`/scoring-models/${modelId}/ranking`, { include }, signal),
    enabled: modelId !== null,
    placeholderData: keepPreviousData,
  });
}

/** Defining models and entering scores; every change re-reads the models and the ranking. */
export function useScoringMutations(portfolioId: string) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: scoringKeys.all });
  return {
    create: useMutation({
      mutationFn: (input: ScoringModelCreate) => api.post<ScoringModel>(`/portfolios/${portfolioId}/scoring-models`, input),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, ...input }: ScoringModelPut & { id: string }) => api.put<ScoringModel>(`/scoring-models/${id}`, input),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/scoring-models/${id}`, { version }),
      onSuccess: refresh,
    }),
    score: useMutation({
      mutationFn: ({ modelId, projectId, ...input }: ScoreSheetPut & { modelId: string; projectId: string }) =>
        api.put<ScoreSheet>(`/scoring-models/${modelId}/scores/${projectId}`, input),
      onSuccess: refresh,
    }),
  };
}
