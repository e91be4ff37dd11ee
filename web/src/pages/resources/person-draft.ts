import type { Person, PersonCreate } from '../../api/capacity';
import { dateProblem } from '../../../../src/domain/calendar-date.js';
import { nameProblem } from '../../shared/validation';
import { monthLabel, monthProblem, rangeProblem } from './resources-format';
import { rowKey } from './role-draft';

export type AbsenceDraft = { key: number; from: string; to: string; note: string };

export type PersonDraft = {
  roleId: string;
  userId: string | null;
  name: string;
  fte: number | string;
  /** Non-project share as a percentage, 0–100. */
  nonProjectPercent: number | string;
  fromMonth: string;
  toMonth: string;
  absences: AbsenceDraft[];
};

export function personDraft(person: Person | null, roleId = ''): PersonDraft {
  if (!person) return { roleId, userId: null, name: '', fte: 1, nonProjectPercent: 0, fromMonth: '', toMonth: '', absences: [] };
  return {
    roleId: person.roleId,
    userId: person.userId,
    name: person.name,
    fte: person.fte,
    nonProjectPercent: Number((person.nonProjectShare * 100).toFixed(2)),
    fromMonth: person.fromMonth ?? '',
    toMonth: person.toMonth ?? '',
    absences: person.absences.map((a) => ({ key: rowKey(), ...a })),
  };
}

/** The draft's problems keyed as the server names fields (`absences.0.to`). */
export function personProblems(d: PersonDraft): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (field: string, problem: string | null) => {
    if (problem) out[field] = problem;
  };
  put('roleId', d.roleId ? null : 'must be chosen');
  put('name', nameProblem(d.name));
  put('fte', rangeProblem(d.fte, 0, 1.5));
  put('nonProjectShare', rangeProblem(d.nonProjectPercent, 0, 100, '%'));
  put('fromMonth', monthProblem(d.fromMonth, true));
  put('toMonth', monthProblem(d.toMonth, true) ?? (d.fromMonth && d.toMonth && d.toMonth < d.fromMonth ? `must not be before the first month (${monthLabel(d.fromMonth)})` : null));
  d.absences.forEach((a, i) => {
    put(`absences.${i}.from`, dateProblem(a.from));
    put(`absences.${i}.to`, dateProblem(a.to) ?? (!dateProblem(a.from) && a.to < a.from ? 'must not end before it starts' : null));
    put(`absences.${i}.note`, a.note.length > 500 ? 'must be at most 500 characters' : null);
  });
  return out;
}

/** The request body of a valid draft. */
export function personBody(d: PersonDraft): Required<PersonCreate> {
  return {
    roleId: d.roleId,
    userId: d.userId,
    name: d.name,
    fte: Number(d.fte),
    nonProjectShare: Number(d.nonProjectPercent) / 100,
    fromMonth: d.fromMonth || null,
    toMonth: d.toMonth || null,
    absences: d.absences.map(({ from, to, note }) => ({ from, to, note })),
  };
}

const LABELS: Record<string, string> = { roleId: 'role', userId: 'account', name: 'name', fte: 'FTE', nonProjectShare: 'non-project share', fromMonth: 'first month', toMonth: 'last month', absences: 'absences' };

/** What someone else changed between the version edited and the current one, in words. */
export function changedPersonFields(before: Person, after: Person): string[] {
  return Object.keys(LABELS)
    .filter((k) => JSON.stringify(before[k as keyof Person]) !== JSON.stringify(after[k as keyof Person]))
    .map((k) => LABELS[k] as string);
}
