import { dateProblem } from '../../../../src/domain/calendar-date.js';
import type { ProjectState, Stage } from '../../../../src/domain/structure/index.js';
import type { Project, ProjectPatch } from '../../api/types';
import { toMajor, toMinor } from '../../shared/format';
import { codeProblem, nameProblem, optionalDateProblem, sentence, tagsProblem } from '../../shared/validation';

/** The editable fields of a project as the form holds them (dates as typed, budget in major units). */
export type Draft = {
  code: string;
  name: string;
  description: string;
  stage: Stage;
  state: ProjectState;
  plannedStart: string;
  plannedFinish: string;
  budget: number | '';
  tags: string[];
};

export type DraftField = keyof Draft;

export const DRAFT_FIELDS: DraftField[] = ['name', 'code', 'description', 'stage', 'state', 'plannedStart', 'plannedFinish', 'budget', 'tags'];

/** Fields that need `project:change-stage` rather than `project:update`. */
export const STAGE_FIELDS: ReadonlySet<DraftField> = new Set(['stage']);

export function draftOf(p: Project, currency: string): Draft {
  return {
    code: p.code,
    name: p.name,
    description: p.description,
    stage: p.stage,
    state: p.state,
    plannedStart: p.plannedStart ?? '',
    plannedFinish: p.plannedFinish ?? '',
    budget: p.budget === null ? '' : toMajor(p.budget, currency),
    tags: p.tags,
  };
}

/** The draft's value of `field` as the API writes it. */
export function apiValue(draft: Draft, field: DraftField, currency: string): unknown {
  switch (field) {
    case 'plannedStart':
    case 'plannedFinish':
      return draft[field] === '' ? null : draft[field];
    case 'budget':
      return draft.budget === '' ? null : toMinor(draft.budget, currency);
    default:
      return draft[field];
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields the person changed, compared with the record they started from. */
export function changedFields(draft: Draft, base: Project, currency: string): DraftField[] {
  return DRAFT_FIELDS.filter((f) => !same(apiValue(draft, f, currency), base[f]));
}

/** The PATCH body: the record's version and only the changed fields. */
export function patchOf(draft: Draft, base: Project, currency: string): ProjectPatch {
  const patch: Record<string, unknown> = { version: base.version };
  for (const f of changedFields(draft, base, currency)) patch[f] = apiValue(draft, f, currency);
  return patch as ProjectPatch;
}

/** Checks as you type, with the server's wording; `null` for a field that is fine. */
export function draftProblems(draft: Draft): Partial<Record<DraftField, string>> {
  const out: Partial<Record<DraftField, string>> = {};
  const put = (field: DraftField, problem: string | null) => {
    if (problem) out[field] = sentence(problem);
  };
  put('name', nameProblem(draft.name));
  put('code', codeProblem(draft.code));
  put('description', draft.description.length > 10_000 ? 'must be at most 10000 characters' : null);
  put('plannedStart', optionalDateProblem(draft.plannedStart));
  put('plannedFinish', optionalDateProblem(draft.plannedFinish));
  if (!out.plannedStart && !out.plannedFinish && draft.plannedStart && draft.plannedFinish && draft.plannedFinish < draft.plannedStart) {
    put('plannedFinish', 'must not be before the planned start');
  }
  if (draft.budget !== '') {
    put('budget', draft.budget < 0 ? 'must not be negative' : !Number.isFinite(draft.budget) ? 'must be a number' : null);
  }
  put('tags', tagsProblem(draft.tags));
  return out;
}

/** The planned start as the readable minimum for the finish picker. */
export function validDate(text: string): string | undefined {
  return text && dateProblem(text) === null ? text : undefined;
}
