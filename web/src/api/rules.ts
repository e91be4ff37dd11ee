import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ChangePolicyDocument, ChangePolicyPut } from '../../../src/api/schemas/change.schema.js';
import type { RiskMatrixDocument, RiskMatrixPut } from '../../../src/api/schemas/raid.schema.js';
import { raidKeys } from './raid';

export type { ChangePolicyDocument };

const policyKey = (orgId: string) => ['change', 'policy', orgId] as const;

export function useChangePolicy(orgId: string) {
  return useQuery({ queryKey: policyKey(orgId), queryFn: () => api.get<ChangePolicyDocument>(`/organisations/${orgId}/change-policy`) });
}

/** Saving the PMO's rules: the change policy and the risk matrix (each with its version). */
export function useRulesMutations(orgId: string) {
  const client = useQueryClient();
  return {
    policy: useMutation({
      mutationFn: (input: ChangePolicyPut) => api.put<ChangePolicyDocument>(`/organisations/${orgId}/change-policy`, input),
      onSuccess: (doc) => client.setQueryData(policyKey(orgId), doc),
    }),
    matrix: useMutation({
      mutationFn: (input: RiskMatrixPut) => api.put<RiskMatrixDocument>(`/organisations/${orgId}/risk-matrix`, input),
      onSuccess: () => void client.invalidateQueries({ queryKey: raidKeys.all }),
    }),
  };
}
