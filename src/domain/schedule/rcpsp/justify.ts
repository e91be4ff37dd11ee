/**
 * Forward-backward improvement, also called double justification (Valls, Ballestín and
 * Quintanilla 2005; Tormos and Lova 2001): shift every job as late as it goes, latest finish
 * first, then as early as it goes, earliest start first. Neither pass can lengthen a feasible
 * schedule, and together they often shorten it by several periods.
 */
import { placeJob } from './bounds.js';
import type { Problem } from './problem.js';
import { serialPass, type Direction, type Workspace } from './sgs.js';

/** Buffers of the justification; one per search, reused for every schedule. */
export type Justifier = {
  p: Problem;
  ws: Workspace;
  forward: Direction;
  backward: Direction;
  keys: Int32Array;
  counts: Int32Array;
  backList: Int32Array;
  nextList: Int32Array;
  backStart: Int32Array;
  nextStart: Int32Array;
  placed: Uint8Array;
  /** Makespan and violations of the schedule the last call left in `start`. */
  makespan: number;
  violations: number;
  /** Schedules the last call generated. */
  schedules: number;
};

/**
 * Buffers for justifying schedules of `p`; `capacityProfile` is a packed profile of plain
 * capacity (the backward template, into which fixed jobs are mirrored per makespan).
 */
export function createJustifier(p: Problem, ws: Workspace, forward: Direction, capacityProfile: Int32Array): Justifier {
  const backward: Direction = {
    predStart: p.succStart,
    predJob: p.succJob,
    predLag: p.succLag,
    earliest: new Int32Array(p.n),
    latest: null,
    deadlineStart: new Int32Array(p.n + 1),
    deadline: new Int32Array(0),
    template: p.hasFixed ? capacityProfile.slice() : capacityProfile,
    templateHi: 0,
    fixedMakespan: 0,
  };
  const nextStart = new Int32Array(p.n);
  for (let j = 0; j < p.n; j++) if (p.fixed[j]! >= 0) nextStart[j] = p.fixed[j]!;
  return {
    p, ws, forward, backward,
    keys: new Int32Array(p.n),
    counts: new Int32Array(p.horizon + 2),
    backList: new Int32Array(p.free.length),
    nextList: new Int32Array(p.free.length),
    backStart: new Int32Array(p.n),
    nextStart,
    placed: new Uint8Array(p.n),
    makespan: 0,
    violations: 0,
    schedules: 0,
  };
}

/**
 * Orders the first `count` jobs of `list` into `out` by ascending `keys` (stable counting sort).
 * Ties keep the order of `list`, or its reverse when `reverseTies`.
 */
export function orderByKey(jz: Justifier, list: Int32Array, count: number, reverseTies: boolean, out: Int32Array): void {
  const { keys, counts } = jz;
  let max = 0;
  for (let x = 0; x < count; x++) if (keys[list[x]!]! > max) max = keys[list[x]!]!;
  counts.fill(0, 0, max + 2);
  for (let x = 0; x < count; x++) counts[keys[list[x]!]! + 1]!++;
  for (let k = 1; k <= max + 1; k++) counts[k]! += counts[k - 1]!;
  if (reverseTies) for (let x = count - 1; x >= 0; x--) out[counts[keys[list[x]!]!]!++] = list[x]!;
  else for (let x = 0; x < count; x++) out[counts[keys[list[x]!]!]!++] = list[x]!;
}

/**
 * With negative lags a successor may start before its predecessor, so an order by time need not
 * be topological: take, each time, the first job in `list` whose predecessors are all placed.
 */
function repairOrder(jz: Justifier, dir: Direction, list: Int32Array, count: number): void {
  const { p, placed } = jz;
  placed.fill(0);
  for (let j = 0; j < p.n; j++) if (p.fixed[j]! >= 0) placed[j] = 1;
  for (let x = 0; x < count; x++) {
    let pick = x;
    for (;;) {
      const j = list[pick]!;
      let ready = true;
      for (let k = dir.predStart[j]!; k < dir.predStart[j + 1]! && ready; k++) ready = placed[dir.predJob[k]!] === 1;
      if (ready) break;
      pick++;
    }
    const j = list[pick]!;
    list.copyWithin(x + 1, x, pick);
    list[x] = j;
    placed[j] = 1;
  }
}

/** Rebuilds the backward direction for makespan `m`: fixed jobs mirrored to m − finish. */
function mirrorFixed(jz: Justifier, m: number, backStart: Int32Array): void {
  const { p, backward } = jz;
  const template = backward.template;
  for (let t = 0; t < backward.templateHi; t++) template.set(p.capWords, t * p.W);
  let hi = 0;
  for (let j = 0; j < p.n; j++) {
    const s = p.fixed[j]!;
    if (s < 0) continue;
    const rs = m - s - p.dur[j]!;
    backStart[j] = rs;
    hi = Math.max(hi, rs + p.dur[j]!);
    placeJob(p, template, j, rs);
  }
  backward.templateHi = hi;
  backward.fixedMakespan = hi;
}

/**
 * Improves the schedule `start` (decoded from `list` with makespan `makespan` and `violations`
 * broken arcs) by up to `rounds` backward-forward rounds, stopping when a round does not help.
 * Leaves the result in `start`, its makespan and violations in `jz`, and rewrites `list` as the
 * result's jobs by start time (which the serial SGS decodes back to the same schedule).
 *
 * @example
 * const makespan = serialPass(p, forward, ws, list, list.length, start);
 * justify(jz, list, start, makespan, ws.violations, 3);
 * jz.makespan // ≤ makespan; `start` and `list` now hold the justified schedule
 */
export function justify(jz: Justifier, list: Int32Array, start: Int32Array, makespan: number, violations: number, rounds: number): void {
  const { p, ws, keys, backList, nextList, backStart, nextStart, forward, backward } = jz;
  const count = p.free.length;
  const dur = p.dur;
  jz.schedules = 0;
  for (let round = 0; round < rounds; round++) {
    // Latest finish first; among equal finishes the job later in the list first.
    for (let x = 0; x < count; x++) keys[list[x]!] = makespan - start[list[x]!]! - dur[list[x]!]!;
    orderByKey(jz, list, count, true, backList);
    if (p.hasNegativeLag) repairOrder(jz, backward, backList, count);
    if (p.hasFixed) mirrorFixed(jz, makespan, backStart);
    const back = serialPass(p, backward, ws, backList, count, backStart);
    // Earliest right-justified start first; ties in reverse of the backward order.
    for (let x = 0; x < count; x++) keys[backList[x]!] = back - backStart[backList[x]!]! - dur[backList[x]!]!;
    orderByKey(jz, backList, count, true, nextList);
    if (p.hasNegativeLag) repairOrder(jz, forward, nextList, count);
    const next = serialPass(p, forward, ws, nextList, count, nextStart);
    jz.schedules += 2;
    const nextViolations = ws.violations;
    if (nextViolations > violations || (nextViolations === violations && next > makespan)) break;
    const better = nextViolations < violations || next < makespan;
    start.set(nextStart);
    list.set(nextList);
    makespan = next;
    violations = nextViolations;
    if (!better) break;
  }
  // Encode the schedule as its start order (stable on the decoding order, so ties stay topological).
  for (let x = 0; x < count; x++) keys[list[x]!] = start[list[x]!]!;
  orderByKey(jz, list, count, false, nextList);
  if (p.hasNegativeLag) repairOrder(jz, forward, nextList, count);
  list.set(nextList);
  jz.makespan = makespan;
  jz.violations = violations;
}
