import { invalid, type FieldIssue } from '../../errors.js';
import type { ConstraintRef, PortfolioModel } from './types.js';
import { validateModel } from './validate.js';

/**
 * A validated model as index-based typed arrays, with the rules that follow from must-do and
 * must-not worked out. Candidates are numbered as in the model; an *option* is a candidate at
 * one start, numbered candidate by candidate (`candOpt`), and its use of each budget and
 * capacity row (a *resource row*) is a sparse list (`optEntry`).
 */
export type CompiledPortfolio = {
  readonly model: PortfolioModel;
  readonly n: number;
  readonly periods: number;
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly value: Float64Array;
  /** Whole cost of each candidate, past the horizon included. */
  readonly totalCost: Float64Array;
  /** Must be funded: must-do, or required (transitively) by a must-do. */
  readonly fixedIn: Uint8Array;
  /** For a candidate that must be funded only because another requires it: `required by P1`. */
  readonly inReason: readonly (string | undefined)[];
  /** Can never be funded; `outReason[i]` says why. */
  readonly fixedOut: Uint8Array;
  readonly outReason: readonly (string | undefined)[];
  /** Direct requirements (CSR): candidate i requires reqIdx[reqStart[i] .. reqStart[i + 1]). */
  readonly reqStart: Int32Array;
  readonly reqIdx: Int32Array;
  /** Exclusions as pairs a < b, each once. */
  readonly exA: Int32Array;
  readonly exB: Int32Array;
  /** Exclusions of each candidate (CSR, both directions). */
  readonly exStart: Int32Array;
  readonly exIdx: Int32Array;
  readonly groups: readonly { readonly id: string; readonly members: Int32Array; readonly max: number }[];
  /** Groups of each candidate (CSR over group indices). */
  readonly grpStart: Int32Array;
  readonly grpIdx: Int32Array;
  /** Resource rows: budget per period (0 … P − 1, when given), the total budget, capacity role × period. */
  readonly rows: number;
  readonly rowLimit: Float64Array;
  readonly rowRef: readonly ConstraintRef[];
  readonly rowLabel: readonly string[];
  readonly roles: readonly string[];
  /** Row of the budget in period t, or −1 without a budget per period. */
  readonly budgetRow: (t: number) => number;
  /** Row of the total budget, or −1. */
  readonly totalRow: number;
  /** Row of role r's capacity in period t. */
  readonly capacityRow: (r: number, t: number) => number;
  /** Options: candidate i has options candOpt[i] … candOpt[i + 1] − 1, starts earliest to latest. */
  readonly candOpt: Int32Array;
  readonly optCand: Int32Array;
  readonly optStart: Int32Array;
  /** Resource use of option o: rows entryRow[optEntry[o] .. optEntry[o + 1]) with entryAmount. */
  readonly optEntry: Int32Array;
  readonly entryRow: Int32Array;
  readonly entryAmount: Float64Array;
  /** Cost of option o that falls past the horizon. */
  readonly optBeyond: Float64Array;
};

/** Readable name of a resource or structural constraint. */
export function constraintLabel(c: ConstraintRef): string {
  switch (c.kind) {
    case 'budget':
      return `budget in period ${c.period}`;
    case 'budget-total':
      return 'total budget';
    case 'capacity':
      return `${c.role} capacity in period ${c.period}`;
    case 'group':
      return `group ${c.group}`;
    case 'dependency':
      return `${c.candidate} requires ${c.requires}`;
    case 'exclusion':
      return `${c.candidate} excludes ${c.excludes}`;
  }
}

const csr = (n: number, lists: readonly (readonly number[])[]): [Int32Array, Int32Array] => {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const idx = new Int32Array(start[n]!);
  for (let i = 0; i < n; i++) idx.set(lists[i]!, start[i]!);
  return [start, idx];
};

/**
 * Validates `input` (see `validateModel`) and compiles it. Works out what must-do and
 * must-not imply: everything a must-do requires is must-do too; a candidate that requires a
 * must-not, is excluded by a must-do, or sits in a group the must-dos fill, can never be
 * funded. Throws `validation-failed` on a contradiction, naming the chain: a must-do that
 * requires a must-not, two must-dos that exclude each other, a group with more must-dos than
 * its maximum.
 */
export function compileModel(input: unknown): CompiledPortfolio {
  const model = validateModel(input);
  const cands = model.candidates;
  const n = cands.length;
  const P = model.periods;
  const ids = cands.map((c) => c.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const value = Float64Array.from(cands, (c) => c.value);
  const totalCost = Float64Array.from(cands, (c) => c.cost.reduce((a, b) => a + b, 0));

  const reqLists = cands.map((c) => [...new Set((c.requires ?? []).map((r) => index.get(r)!))]);
  const [reqStart, reqIdx] = csr(n, reqLists);
  const exPairs = new Set<number>();
  const exLists: number[][] = cands.map(() => []);
  cands.forEach((c, i) =>
    (c.excludes ?? []).forEach((e) => {
      const j = index.get(e)!;
      const key = Math.min(i, j) * n + Math.max(i, j);
      if (exPairs.has(key)) return;
      exPairs.add(key);
      exLists[i]!.push(j);
      exLists[j]!.push(i);
    }),
  );
  const pairs = [...exPairs].sort((a, b) => a - b);
  const exA = Int32Array.from(pairs, (k) => Math.floor(k / n));
  const exB = Int32Array.from(pairs, (k) => k % n);
  const [exStart, exIdx] = csr(n, exLists);
  const groups = (model.groups ?? []).map((g) => ({ id: g.id, members: Int32Array.from(g.members, (m) => index.get(m)!), max: g.max ?? 1 }));
  const grpLists: number[][] = cands.map(() => []);
  groups.forEach((g, k) => g.members.forEach((m) => grpLists[m]!.push(k)));
  const [grpStart, grpIdx] = csr(n, grpLists);

  // Must-do closure, remembering who brought each candidate in.
  const fixedIn = new Uint8Array(n);
  const via = new Int32Array(n).fill(-1);
  const issues: FieldIssue[] = [];
  const chain = (i: number): string => {
    const names = [ids[i]!];
    for (let k = via[i]!; k >= 0; k = via[k]!) names.unshift(ids[k]!);
    return names.join(' → ');
  };
  const stack: number[] = [];
  cands.forEach((c, i) => {
    if (c.mustDo) {
      fixedIn[i] = 1;
      stack.push(i);
    }
  });
  while (stack.length) {
    const i = stack.pop()!;
    for (let k = reqStart[i]!; k < reqStart[i + 1]!; k++) {
      const j = reqIdx[k]!;
      if (fixedIn[j]) continue;
      fixedIn[j] = 1;
      via[j] = i;
      stack.push(j);
    }
  }
  const fixedOut = new Uint8Array(n);
  const outReason: (string | undefined)[] = new Array(n);
  const out = (i: number, why: string) => {
    if (fixedOut[i]) return;
    fixedOut[i] = 1;
    outReason[i] = why;
  };
  cands.forEach((c, i) => {
    if (!c.mustNot) return;
    if (fixedIn[i]) issues.push({ field: `candidates[${i}].mustNot`, reason: `"${ids[i]}" is must-not but must-do "${chain(i)}" requires it` });
    out(i, 'must-not');
  });
  for (let k = 0; k < exA.length; k++) {
    const a = exA[k]!;
    const b = exB[k]!;
    if (fixedIn[a] && fixedIn[b]) {
      const field = (cands[a]!.excludes ?? []).includes(ids[b]!) ? `candidates[${a}].excludes` : `candidates[${b}].excludes`;
      issues.push({ field, reason: `"${ids[a]}" and "${ids[b]}" exclude each other but both must be funded (${chain(a)}; ${chain(b)})` });
    } else if (fixedIn[a]) out(b, `excluded by must-do ${ids[a]}`);
    else if (fixedIn[b]) out(a, `excluded by must-do ${ids[b]}`);
  }
  groups.forEach((g, k) => {
    const musts = [...g.members].filter((m) => fixedIn[m]);
    if (musts.length > g.max) issues.push({ field: `groups[${k}].members`, reason: `${musts.length} must-do members (${musts.map((m) => ids[m]).join(', ')}) but at most ${g.max} may be funded` });
    else if (musts.length === g.max) for (const m of g.members) if (!fixedIn[m]) out(m, `group ${g.id} is filled by must-do ${musts.map((x) => ids[x]).join(', ')}`);
  });
  if (issues.length) throw invalid(issues);
  // Whoever requires (transitively) a candidate that can never be funded cannot be funded either.
  const reqBy: number[][] = cands.map(() => []);
  for (let i = 0; i < n; i++) for (let k = reqStart[i]!; k < reqStart[i + 1]!; k++) reqBy[reqIdx[k]!]!.push(i);
  const outStack = [...Array(n).keys()].filter((i) => fixedOut[i]);
  while (outStack.length) {
    const j = outStack.pop()!;
    for (const i of reqBy[j]!) {
      if (fixedOut[i]) continue;
      out(i, `requires ${ids[j]}, which cannot be funded (${outReason[j]})`);
      outStack.push(i);
    }
  }
  // (A must-do cannot be reached here: its requirements are must-do too, and were checked above.)

  // Resource rows.
  const roles = Object.keys(model.capacity ?? {});
  const hasBudget = model.budget !== undefined;
  const hasTotal = model.budgetTotal !== undefined;
  const capBase = (hasBudget ? P : 0) + (hasTotal ? 1 : 0);
  const rows = capBase + roles.length * P;
  const rowLimit = new Float64Array(rows);
  const rowRef: ConstraintRef[] = [];
  if (hasBudget) for (let t = 0; t < P; t++) rowRef.push({ kind: 'budget', period: t });
  if (hasTotal) rowRef.push({ kind: 'budget-total' });
  for (const role of roles) for (let t = 0; t < P; t++) rowRef.push({ kind: 'capacity', role, period: t });
  if (hasBudget) rowLimit.set(model.budget!, 0);
  if (hasTotal) rowLimit[capBase - 1] = model.budgetTotal!;
  roles.forEach((role, r) => rowLimit.set(model.capacity![role]!, capBase + r * P));
  const budgetRow = (t: number) => (hasBudget ? t : -1);
  const totalRow = hasTotal ? capBase - 1 : -1;
  const capacityRow = (r: number, t: number) => capBase + r * P + t;

  // Options and their entries.
  const candOpt = new Int32Array(n + 1);
  cands.forEach((c, i) => {
    const es = c.earliestStart ?? 0;
    const ls = c.latestStart ?? es;
    candOpt[i + 1] = candOpt[i]! + (ls - es + 1);
  });
  const nOpt = candOpt[n]!;
  const optCand = new Int32Array(nOpt);
  const optStart = new Int32Array(nOpt);
  const optEntry = new Int32Array(nOpt + 1);
  const optBeyond = new Float64Array(nOpt);
  const rowsOut: number[] = [];
  const amountsOut: number[] = [];
  const roleIndex = new Map(roles.map((r, k) => [r, k]));
  cands.forEach((c, i) => {
    const es = c.earliestStart ?? 0;
    for (let o = candOpt[i]!, s = es; o < candOpt[i + 1]!; o++, s++) {
      optCand[o] = i;
      optStart[o] = s;
      c.cost.forEach((a, j) => {
        if (s + j >= P) optBeyond[o] = optBeyond[o]! + a;
        else if (hasBudget && a > 0) {
          rowsOut.push(budgetRow(s + j));
          amountsOut.push(a);
        }
      });
      if (hasTotal && totalCost[i]! > 0) {
        rowsOut.push(totalRow);
        amountsOut.push(totalCost[i]!);
      }
      for (const [role, d] of Object.entries(c.demand ?? {})) {
        const r = roleIndex.get(role)!;
        d.forEach((a, j) => {
          if (s + j < P && a > 0) {
            rowsOut.push(capacityRow(r, s + j));
            amountsOut.push(a);
          }
        });
      }
      optEntry[o + 1] = rowsOut.length;
    }
  });

  return {
    model,
    n,
    periods: P,
    ids,
    index,
    value,
    totalCost,
    fixedIn,
    inReason: Array.from(via, (k) => (k >= 0 ? `required by ${ids[k]}` : undefined)),
    fixedOut,
    outReason,
    reqStart,
    reqIdx,
    exA,
    exB,
    exStart,
    exIdx,
    groups,
    grpStart,
    grpIdx,
    rows,
    rowLimit,
    rowRef,
    rowLabel: rowRef.map(constraintLabel),
    roles,
    budgetRow,
    totalRow,
    capacityRow,
    candOpt,
    optCand,
    optStart,
    optEntry,
    entryRow: Int32Array.from(rowsOut),
    entryAmount: Float64Array.from(amountsOut),
    optBeyond,
  };
}
