import type { Role, RoleCreate } from '../../api/capacity';
import { codeProblem, nameProblem } from '../../shared/validation';
import { monthProblem, rangeProblem } from './resources-format';

/** One FTE step as typed; `key` keeps a row's identity while rows are added and removed. */
export type StepDraft = { key: number; from: string; fte: number | string };

export type RoleDraft = { code: string; name: string; description: string; hoursPerFteMonth: number | string; steps: StepDraft[] };

let lastKey = 0;
/** A fresh key for a new row of an editable list. */
export const rowKey = (): number => ++lastKey;

export function roleDraft(role: Role | null): RoleDraft {
  if (!role) return { code: '', name: '', description: '', hoursPerFteMonth: 140, steps: [] };
  return {
    code: role.code,
    name: role.name,
    description: role.description,
    hoursPerFteMonth: role.hoursPerFteMonth,
    steps: [...role.fteSteps].sort((a, b) => a.from.localeCompare(b.from)).map((s) => ({ key: rowKey(), from: s.from, fte: s.fte })),
  };
}

/** The draft's problems keyed as the server names fields (`fteSteps.1.fte`). */
export function roleProblems(d: RoleDraft): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (field: string, problem: string | null) => {
    if (problem) out[field] = problem;
  };
  put('code', codeProblem(d.code));
  put('name', nameProblem(d.name));
  put('hoursPerFteMonth', rangeProblem(d.hoursPerFteMonth, 1, 744, ' hours'));
  const seen = new Set<string>();
  d.steps.forEach((s, i) => {
    put(`fteSteps.${i}.from`, monthProblem(s.from, false) ?? (seen.has(s.from) ? 'must not start two steps in the same month' : null));
    put(`fteSteps.${i}.fte`, rangeProblem(s.fte, 0, 1000));
    seen.add(s.from);
  });
  return out;
}

/** The request body of a valid draft. */
export function roleBody(d: RoleDraft): Omit<RoleCreate, 'description'> & { description: string } {
  return {
    code: d.code,
    name: d.name,
    description: d.description,
    hoursPerFteMonth: Number(d.hoursPerFteMonth),
    fteSteps: d.steps.map((s) => ({ from: s.from, fte: Number(s.fte) })),
  };
}

const LABELS: Record<string, string> = { code: 'code', name: 'name', description: 'description', hoursPerFteMonth: 'hours per FTE month', fteSteps: 'FTE steps' };

/** What someone else changed between the version edited and the current one, in words. */
export function changedRoleFields(before: Role, after: Role): string[] {
  return Object.keys(LABELS)
    .filter((k) => JSON.stringify(before[k as keyof Role]) !== JSON.stringify(after[k as keyof Role]))
    .map((k) => LABELS[k] as string);
}
