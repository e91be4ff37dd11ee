import { invalid, PharosError, type FieldIssue } from '../../errors.js';
import type { PortfolioModel } from './types.js';

const MODEL_FIELDS = new Set(['periods', 'budget', 'budgetTotal', 'capacity', 'candidates', 'groups']);
const CANDIDATE_FIELDS = new Set(['id', 'name', 'value', 'cost', 'demand', 'earliestStart', 'latestStart', 'mustDo', 'mustNot', 'requires', 'excludes']);
const GROUP_FIELDS = new Set(['id', 'name', 'members', 'max']);
/** Longest horizon accepted: 100 years of months. */
export const MAX_PERIODS = 1200;
const MAX_ISSUES = 20;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const nonNegative = 'must be a finite number ≥ 0';

function unknownFields(o: Obj, known: Set<string>, at: string, issues: FieldIssue[]): void {
  for (const k of Object.keys(o)) if (!known.has(k)) issues.push({ field: at ? `${at}.${k}` : k, reason: `is not a field of the model (known: ${[...known].join(', ')})` });
}

/** Checks a list of amounts ≥ 0; `length` when it must have exactly that many. */
function amounts(v: unknown, field: string, issues: FieldIssue[], length?: number): void {
  if (!Array.isArray(v)) {
    issues.push({ field, reason: v === undefined ? 'is missing' : 'must be a list of numbers' });
    return;
  }
  if (length !== undefined && v.length !== length) issues.push({ field, reason: `must have one amount per period (${length}), not ${v.length}` });
  v.forEach((x, k) => {
    if (!finite(x) || x < 0) issues.push({ field: `${field}[${k}]`, reason: nonNegative });
  });
}

function idList(v: unknown, field: string, ids: ReadonlyMap<string, number>, self: string | undefined, issues: FieldIssue[]): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    issues.push({ field, reason: 'must be a list of candidate ids' });
    return;
  }
  v.forEach((x, k) => {
    if (typeof x !== 'string' || !ids.has(x)) issues.push({ field: `${field}[${k}]`, reason: `no candidate has id ${JSON.stringify(x)}` });
    else if (x === self) issues.push({ field: `${field}[${k}]`, reason: `a candidate cannot name itself ("${x}")` });
  });
}

function periodIndex(v: unknown, field: string, periods: number, issues: FieldIssue[]): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= periods) {
    issues.push({ field, reason: `must be a whole period from 0 to ${periods - 1} (got ${JSON.stringify(v)})` });
    return undefined;
  }
  return v as number;
}

/** A cycle among the candidates' `requires`, as ids (first not repeated), or null. */
function requirementCycle(model: PortfolioModel, index: ReadonlyMap<string, number>): string[] | null {
  const n = model.candidates.length;
  const state = new Uint8Array(n); // 0 unseen, 1 on the path, 2 done
  const path: number[] = [];
  const visit = (i: number): string[] | null => {
    state[i] = 1;
    path.push(i);
    for (const r of model.candidates[i]!.requires ?? []) {
      const j = index.get(r)!;
      if (state[j] === 1) return path.slice(path.indexOf(j)).map((k) => model.candidates[k]!.id);
      if (state[j] === 0) {
        const c = visit(j);
        if (c) return c;
      }
    }
    path.pop();
    state[i] = 2;
    return null;
  };
  for (let i = 0; i < n; i++) {
    if (state[i] !== 0) continue;
    const c = visit(i);
    if (c) return c;
  }
  return null;
}

/**
 * Checks that `input` is a well-formed selection model and returns it typed. Throws a
 * `validation-failed` PharosError naming each bad field and why (`candidates[3].cost[2]: must
 * be a finite number ≥ 0`, an unknown id in `requires`, `latestStart` before `earliestStart`,
 * a demand on a role with no capacity, an unknown field), or a `cycle` error naming the
 * candidates whose `requires` go round in a circle. Conflicts between must-do and must-not
 * rules are found when the model is compiled (`compileModel`).
 *
 * @example
 * validateModel({ periods: 2, budgetTotal: 10, candidates: [{ id: 'A', value: 5, cost: [4, 4] }] });
 */
export function validateModel(input: unknown): PortfolioModel {
  if (!isObject(input)) throw invalid([{ field: 'model', reason: 'must be an object with periods and candidates' }]);
  const issues: FieldIssue[] = [];
  unknownFields(input, MODEL_FIELDS, '', issues);
  const p = input.periods;
  if (!Number.isInteger(p) || (p as number) < 1 || (p as number) > MAX_PERIODS) {
    throw invalid([...issues, { field: 'periods', reason: `must be a whole number from 1 to ${MAX_PERIODS} (got ${JSON.stringify(p)})` }]);
  }
  const periods = p as number;
  if (input.budget !== undefined) amounts(input.budget, 'budget', issues, periods);
  if (input.budgetTotal !== undefined && (!finite(input.budgetTotal) || input.budgetTotal < 0)) issues.push({ field: 'budgetTotal', reason: nonNegative });
  const roles = new Set<string>();
  if (input.capacity !== undefined) {
    if (!isObject(input.capacity)) issues.push({ field: 'capacity', reason: 'must be an object of role: [amount per period]' });
    else
      for (const [role, v] of Object.entries(input.capacity)) {
        roles.add(role);
        amounts(v, `capacity.${role}`, issues, periods);
      }
  }
  const candidates = input.candidates;
  if (!Array.isArray(candidates)) throw invalid([...issues, { field: 'candidates', reason: candidates === undefined ? 'is missing' : 'must be a list' }]);

  const ids = new Map<string, number>();
  candidates.forEach((c, i) => {
    if (isObject(c) && typeof c.id === 'string' && c.id !== '' && !ids.has(c.id)) ids.set(c.id, i);
  });
  candidates.forEach((c, i) => {
    const at = `candidates[${i}]`;
    if (!isObject(c)) {
      issues.push({ field: at, reason: 'must be an object with id, value and cost' });
      return;
    }
    unknownFields(c, CANDIDATE_FIELDS, at, issues);
    if (typeof c.id !== 'string' || c.id === '') issues.push({ field: `${at}.id`, reason: 'must be a non-empty string' });
    else if (ids.get(c.id) !== i) issues.push({ field: `${at}.id`, reason: `"${c.id}" is used by candidates[${ids.get(c.id)}] too` });
    if (!finite(c.value) || c.value < 0) issues.push({ field: `${at}.value`, reason: c.value === undefined ? 'is missing' : nonNegative });
    amounts(c.cost, `${at}.cost`, issues);
    if (c.demand !== undefined) {
      if (!isObject(c.demand)) issues.push({ field: `${at}.demand`, reason: 'must be an object of role: [amount per period of the candidate]' });
      else
        for (const [role, v] of Object.entries(c.demand)) {
          if (!roles.has(role)) issues.push({ field: `${at}.demand.${role}`, reason: `no capacity is given for role "${role}"${roles.size ? ` (roles: ${[...roles].join(', ')})` : ''}` });
          amounts(v, `${at}.demand.${role}`, issues);
        }
    }
    const es = periodIndex(c.earliestStart, `${at}.earliestStart`, periods, issues);
    const ls = periodIndex(c.latestStart, `${at}.latestStart`, periods, issues);
    if (ls !== undefined && ls < (es ?? 0)) issues.push({ field: `${at}.latestStart`, reason: `must not be before earliestStart (${ls} < ${es ?? 0})` });
    for (const flag of ['mustDo', 'mustNot'] as const) if (c[flag] !== undefined && typeof c[flag] !== 'boolean') issues.push({ field: `${at}.${flag}`, reason: 'must be true or false' });
    if (c.mustDo === true && c.mustNot === true) issues.push({ field: `${at}.mustNot`, reason: 'cannot be true with mustDo' });
    const self = typeof c.id === 'string' ? c.id : undefined;
    idList(c.requires, `${at}.requires`, ids, self, issues);
    idList(c.excludes, `${at}.excludes`, ids, self, issues);
    if (Array.isArray(c.requires) && Array.isArray(c.excludes)) {
      const both = c.requires.filter((r) => (c.excludes as unknown[]).includes(r));
      if (both.length) issues.push({ field: `${at}.excludes`, reason: `cannot also be required (${both.map(String).join(', ')})` });
    }
  });

  const groupIds = new Set<string>();
  if (input.groups !== undefined) {
    if (!Array.isArray(input.groups)) issues.push({ field: 'groups', reason: 'must be a list of {id, members, max}' });
    else
      input.groups.forEach((g, i) => {
        const at = `groups[${i}]`;
        if (!isObject(g)) {
          issues.push({ field: at, reason: 'must be an object with id and members' });
          return;
        }
        unknownFields(g, GROUP_FIELDS, at, issues);
        if (typeof g.id !== 'string' || g.id === '') issues.push({ field: `${at}.id`, reason: 'must be a non-empty string' });
        else if (groupIds.has(g.id)) issues.push({ field: `${at}.id`, reason: `"${g.id}" is used by another group` });
        else groupIds.add(g.id);
        if (!Array.isArray(g.members) || g.members.length === 0) issues.push({ field: `${at}.members`, reason: 'must be a non-empty list of candidate ids' });
        else {
          idList(g.members, `${at}.members`, ids, undefined, issues);
          const dup = g.members.find((m, k) => g.members !== undefined && (g.members as unknown[]).indexOf(m) !== k);
          if (dup !== undefined) issues.push({ field: `${at}.members`, reason: `names ${JSON.stringify(dup)} twice` });
        }
        if (g.max !== undefined && (!Number.isInteger(g.max) || (g.max as number) < 1)) issues.push({ field: `${at}.max`, reason: `must be a whole number ≥ 1 (got ${JSON.stringify(g.max)})` });
      });
  }
  if (issues.length) throw invalid(issues.slice(0, MAX_ISSUES));

  const model = input as unknown as PortfolioModel;
  const cycle = requirementCycle(model, ids);
  if (cycle) {
    throw new PharosError('cycle', `candidates: the requirements form a cycle: ${[...cycle, cycle[0]].join(' → ')}`, {
      issues: [{ field: `candidates[${ids.get(cycle[0]!)}].requires`, reason: `cycle ${[...cycle, cycle[0]].join(' → ')}` }],
    });
  }
  return model;
}
