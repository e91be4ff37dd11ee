import { dateProblem } from '../../../src/domain/calendar-date.js';
import { isApiError } from '../api/client';

/**
 * The client's instant checks, worded like the server's so a person sees the same reason
 * before and after saving. The server remains the judge (its 422 issues land on the same fields).
 */

export const CODE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

export function nameProblem(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (name.trim().length === 0) return 'must not be blank';
  if (name.length > 200) return 'must be at most 200 characters';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'must not contain control characters';
  return null;
}

export function codeProblem(code: string): string | null {
  if (code.length === 0) return 'must not be empty';
  if (code.length > 32) return 'must be at most 32 characters';
  if (!CODE_PATTERN.test(code)) return 'must be letters, digits, ".", "_" or "-", starting with a letter or digit';
  return null;
}

/** A typed date: empty is allowed (no date), anything else must be a real `YYYY-MM-DD`. */
export function optionalDateProblem(text: string): string | null {
  return text === '' ? null : dateProblem(text);
}

export function tagsProblem(tags: string[]): string | null {
  if (tags.length > 20) return 'must have at most 20 tags';
  if (tags.some((t) => t.length > 40)) return 'each tag must be at most 40 characters';
  if (new Set(tags).size !== tags.length) return 'must not repeat a tag';
  return null;
}

/** Sentence case for a reason shown under a field: `must not be empty` → `Must not be empty`. */
export function sentence(reason: string): string {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

/** The server's field issues (422, or a 409 that names fields), keyed by field name. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.problem.issues ?? []) {
    const field = issue.field.split('.')[0] ?? issue.field;
    out[field] = out[field] ? `${out[field]}; ${issue.reason}` : sentence(issue.reason);
  }
  return out;
}
