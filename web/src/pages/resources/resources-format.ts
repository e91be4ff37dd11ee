import { isMonth } from '../../../../src/domain/portfolio/capacity/months.js';
import type { Person, Role } from '../../api/capacity';
import { formatDate } from '../../shared/format';

/**
 * How the Resources page writes months, FTE and absences, and its instant checks (worded
 * like the server's, which stays the judge).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `2027-03` → `Mar 2027`; empty for null. */
export function monthLabel(month: string | null | undefined): string {
  if (!month) return '';
  return isMonth(month) ? `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}` : month;
}

/** This month in the reader's calendar, `YYYY-MM`. */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** Today in the reader's calendar, `YYYY-MM-DD`. */
export function today(now = new Date()): string {
  return `${currentMonth(now)}-${String(now.getDate()).padStart(2, '0')}`;
}

/** `1`, `0.6`, `2.25`: at most two decimals, no trailing zeros. */
export function fteText(fte: number): string {
  return `${Number(fte.toFixed(2))}`;
}

/** A role's unnamed FTE in `month` and the first change after it. */
export function fteOverTime(steps: Role['fteSteps'], month: string): { now: number; next: { from: string; fte: number } | null } {
  const sorted = [...steps].sort((a, b) => a.from.localeCompare(b.from));
  const current = sorted.filter((s) => s.from <= month).at(-1);
  const now = current?.fte ?? 0;
  const next = sorted.find((s) => s.from > month && s.fte !== now) ?? null;
  return { now, next };
}

/** Whether the person is in their role in `month`. */
export function inRole(p: Pick<Person, 'fromMonth' | 'toMonth'>, month: string): boolean {
  return (p.fromMonth === null || p.fromMonth <= month) && (p.toMonth === null || p.toMonth >= month);
}

/** `Since Jan 2026`, `Until Jun 2027`, `Jan 2026 – Jun 2027`, or `Open-ended`. */
export function monthsInRole(p: Pick<Person, 'fromMonth' | 'toMonth'>): string {
  if (p.fromMonth && p.toMonth) return `${monthLabel(p.fromMonth)} – ${monthLabel(p.toMonth)}`;
  if (p.fromMonth) return `Since ${monthLabel(p.fromMonth)}`;
  if (p.toMonth) return `Until ${monthLabel(p.toMonth)}`;
  return 'Open-ended';
}

/** `6 Apr 2026`, or `6 – 10 Apr 2026` style ranges written in full. */
export function absenceRange(a: { from: string; to: string }): string {
  return a.from === a.to ? formatDate(a.from) : `${formatDate(a.from)} – ${formatDate(a.to)}`;
}

/** The absence going on or coming next on `day` (absences already over are skipped). */
export function nextAbsence(absences: Person['absences'], day: string): Person['absences'][number] | null {
  return [...absences].filter((a) => a.to >= day).sort((a, b) => a.from.localeCompare(b.from))[0] ?? null;
}

/** A typed month: empty is allowed when `optional`, anything else must be `YYYY-MM`. */
export function monthProblem(text: string, optional: boolean): string | null {
  if (text === '') return optional ? null : 'must not be empty';
  return isMonth(text) ? null : 'must be a month written YYYY-MM';
}

/** A typed number within `min`–`max` (a NumberInput's value: a number, or text while typing). */
export function rangeProblem(value: number | string, min: number, max: number, unit = ''): string | null {
  if (value === '' || typeof value !== 'number' || Number.isNaN(value)) return 'must be a number';
  if (value < min) return `must be ${min}${unit} or more`;
  if (value > max) return `must be at most ${max}${unit}`;
  return null;
}
