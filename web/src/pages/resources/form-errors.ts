import { isApiError } from '../../api/client';
import { sentence } from '../../shared/validation';

/**
 * The server's field issues keyed by the full path it names (`fteSteps.1.fte`, `code`), so a
 * reason about one row of a list lands on that row's field.
 */
export function serverIssues(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.problem.issues ?? []) out[issue.field] = out[issue.field] ? `${out[issue.field]}; ${issue.reason}` : sentence(issue.reason);
  return out;
}

/** The record as it now stands on the server, when `error` is a stale-version 409. */
export function conflictCurrent<T>(error: unknown): T | null {
  return isApiError(error, 409) && error.problem.code === 'version-conflict' && error.problem.current ? (error.problem.current as T) : null;
}

/** What to say above the form for an error no field claims (none for field errors and conflicts). */
export function generalProblem(error: unknown, fieldErrors: Record<string, string>, shown: (field: string) => boolean): string | null {
  if (!error || conflictCurrent(error)) return null;
  const unclaimed = Object.keys(fieldErrors).filter((f) => !shown(f));
  if (Object.keys(fieldErrors).length > 0 && unclaimed.length === 0) return null;
  if (unclaimed.length > 0) return unclaimed.map((f) => `${f}: ${fieldErrors[f]}`).join('; ');
  return isApiError(error) ? error.problem.detail : String(error);
}
