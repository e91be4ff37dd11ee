import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { STAGES, STATES } from '../../../../src/domain/structure/index.js';
import type { ProjectFilters } from '../../api/queries';

/** The project list's view state, kept in the URL so it can be shared and bookmarked. */
export type ListParams = {
  q: string;
  stage: string | null;
  state: string | null;
  aligned: 'true' | 'false' | null;
  programme: string | null;
  tag: string | null;
  sort: string;
};

export const DEFAULT_SORT = 'code';
export const SORTS = ['name', 'code', 'stage', 'state', 'plannedStart', 'plannedFinish', 'budget', 'updatedAt'] as const;

function validSort(sort: string | null): string {
  if (!sort) return DEFAULT_SORT;
  const key = sort.replace(/^-/, '');
  return (SORTS as readonly string[]).includes(key) ? sort : DEFAULT_SORT;
}

export function useProjectListParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<ListParams>(() => {
    const stage = search.get('stage');
    const state = search.get('state');
    const aligned = search.get('aligned');
    return {
      q: search.get('q') ?? '',
      stage: stage && (STAGES as readonly string[]).includes(stage) ? stage : null,
      state: state && (STATES as readonly string[]).includes(state) ? state : null,
      aligned: aligned === 'true' || aligned === 'false' ? aligned : null,
      programme: search.get('programme'),
      tag: search.get('tag'),
      sort: validSort(search.get('sort')),
    };
  }, [search]);

  /** Changes some parameters; empty values and the default sort leave the URL. */
  const update = useCallback(
    (changes: Partial<ListParams>, options: { replace?: boolean } = {}) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '' || (key === 'sort' && value === DEFAULT_SORT)) next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setSearch],
  );

  const clear = useCallback(() => update({ q: '', stage: null, state: null, aligned: null, programme: null, tag: null }), [update]);
  const filtered = !!(params.q || params.stage || params.state || params.aligned || params.programme || params.tag);
  return { params, update, clear, filtered };
}

/** The API query for a list scoped to a portfolio or a programme. */
export function toFilters(scope: { portfolioId?: string; programmeId?: string }, p: ListParams): ProjectFilters {
  const filters: ProjectFilters = { sort: p.sort };
  if (p.programme) filters.programmeId = p.programme;
  else if (scope.programmeId) filters.programmeId = scope.programmeId;
  else if (scope.portfolioId) filters.portfolioId = scope.portfolioId;
  if (p.q) filters.q = p.q;
  if (p.stage) filters.stage = p.stage;
  if (p.state) filters.state = p.state;
  if (p.aligned) filters.aligned = p.aligned;
  if (p.tag) filters.tag = p.tag;
  return filters;
}
