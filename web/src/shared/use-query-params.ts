import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The view's query string as state: read with `params.get`, change several keys at once with
 * `update({ key: value | null })` (null removes a key). Every view keeps its choices in the URL
 * so it can be shared and bookmarked, and back and forward walk them.
 */
export function useQueryParams() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: Record<string, string | null>) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      }),
    [setParams],
  );
  return { params, update };
}
