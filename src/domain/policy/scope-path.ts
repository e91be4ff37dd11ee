import type { ScopeType } from './roles.js';

/** One step of a path from the organisation down to a record. */
export type PathSegment = { type: ScopeType; id: string };

/**
 * Where a record sits: organisation first, then portfolio, any programmes (outermost first),
 * then the project. A scope contains a record when the scope's path is a prefix of the record's.
 */
export type ScopePath = readonly PathSegment[];

/** True when `outer` is `inner` or one of its ancestors. */
export function contains(outer: ScopePath, inner: ScopePath): boolean {
  if (outer.length > inner.length) return false;
  for (let i = 0; i < outer.length; i++) {
    const a = outer[i] as PathSegment;
    const b = inner[i] as PathSegment;
    if (a.type !== b.type || a.id !== b.id) return false;
  }
  return true;
}
