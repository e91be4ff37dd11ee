import type { ScheduleInput, ScheduleResult } from '../types.js';
import type { Model } from './model.js';
import type { LevellingOrder } from './types.js';

/**
 * The dependency graph the levelling pass walks, as the engine builds it: each task has an
 * entry node (2i: what its links and outline parent allow) and an exit node (2i+1: its
 * dates). Edges run exit(predecessor) → entry(successor), entry(parent) → entry(child),
 * exit(child) → exit(parent) and entry(task) → exit(task).
 */
export type Dependencies = {
  /** Outgoing edges of each node: `next[nextStart[v] … nextStart[v+1])`. */
  readonly nextStart: Int32Array;
  readonly next: Int32Array;
  /** Incoming start-side links (FS, SS) of each task, as link indices. */
  readonly startLinks: readonly (readonly number[])[];
  /** Outgoing links of each task (between active tasks), as link indices. */
  readonly outLinks: readonly (readonly number[])[];
};

export function dependencies(m: Model, plan: ScheduleInput): Dependencies {
  const edges: [number, number][] = [];
  const startLinks: number[][] = Array.from({ length: m.n }, () => []);
  const outLinks: number[][] = Array.from({ length: m.n }, () => []);
  for (let i = 0; i < m.n; i++) {
    if (!m.active[i]) continue;
    edges.push([2 * i, 2 * i + 1]);
    const p = m.parent[i]!;
    if (p >= 0) edges.push([2 * p, 2 * i], [2 * i + 1, 2 * p + 1]);
  }
  plan.links.forEach((l, k) => {
    const p = m.index.get(l.predecessor);
    const s = m.index.get(l.successor);
    if (p === undefined || s === undefined || !m.active[p] || !m.active[s]) return;
    edges.push([2 * p + 1, 2 * s]);
    outLinks[p]!.push(k);
    if (l.type === 'FS' || l.type === 'SS') startLinks[s]!.push(k);
  });
  const nextStart = new Int32Array(2 * m.n + 1);
  for (const [a] of edges) nextStart[a + 1]!++;
  for (let v = 0; v < 2 * m.n; v++) nextStart[v + 1]! += nextStart[v]!;
  const fill = nextStart.slice(0, 2 * m.n);
  const next = new Int32Array(edges.length);
  for (const [a, b] of edges) next[fill[a]!++] = b;
  return { nextStart, next, startLinks, outLinks };
}

/** A binary heap of task indices, smallest key first. */
class Heap {
  private readonly items: number[] = [];
  constructor(private readonly before: (a: number, b: number) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  push(x: number): void {
    const h = this.items;
    h.push(x);
    for (let k = h.length - 1; k > 0; ) {
      const up = (k - 1) >> 1;
      if (!this.before(h[k]!, h[up]!)) break;
      [h[k], h[up]] = [h[up]!, h[k]!];
      k = up;
    }
  }
  pop(): number {
    const h = this.items;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let k = 0; ; ) {
        const l = 2 * k + 1;
        const r = l + 1;
        let best = k;
        if (l < h.length && this.before(h[l]!, h[best]!)) best = l;
        if (r < h.length && this.before(h[r]!, h[best]!)) best = r;
        if (best === k) break;
        [h[k], h[best]] = [h[best]!, h[k]!];
        k = best;
      }
    }
    return top;
  }
}

/**
 * The order in which the levelling pass places tasks: every task after all it depends on,
 * and among the tasks ready at a time, by the order's keys (computed on the unlevelled plan):
 * `standard` = less total slack, earlier start, higher priority, constrained (not ASAP)
 * first, then plan order; `priority` = higher priority first, then the standard keys.
 * Summary tasks are not placed; inactive tasks are left out.
 */
export function levellingOrder(m: Model, plan: ScheduleInput, deps: Dependencies, base: ScheduleResult, order: LevellingOrder): number[] {
  const constrained = (i: number): number => (plan.tasks[i]!.constraint ?? 'ASAP') === 'ASAP' ? 1 : 0;
  const slack = (i: number): number => (Number.isFinite(base.totalSlack[i]!) ? base.totalSlack[i]! : Infinity);
  const standard = (a: number, b: number): number =>
    slack(a) - slack(b) || base.start[a]! - base.start[b]! || m.priority[b]! - m.priority[a]! || constrained(a) - constrained(b) || a - b;
  const compare = order === 'priority' ? (a: number, b: number) => m.priority[b]! - m.priority[a]! || standard(a, b) : standard;
  const heap = new Heap((a, b) => compare(a, b) < 0);
  const nodes = 2 * m.n;
  const indegree = new Int32Array(nodes);
  for (let e = 0; e < deps.next.length; e++) indegree[deps.next[e]!]!++;
  const free: number[] = [];
  const ready = (v: number): void => {
    // Leaf entries wait in the heap for their turn; other nodes pass at once.
    if ((v & 1) === 0 && !m.isSummary[v >> 1]) heap.push(v >> 1);
    else free.push(v);
  };
  for (let v = 0; v < nodes; v++) if (m.active[v >> 1] && indegree[v] === 0) ready(v);
  const out: number[] = [];
  const release = (v: number): void => {
    for (let e = deps.nextStart[v]!; e < deps.nextStart[v + 1]!; e++) {
      const w = deps.next[e]!;
      if (--indegree[w]! === 0) ready(w);
    }
  };
  while (free.length || heap.size) {
    if (free.length) {
      release(free.pop()!);
      continue;
    }
    const i = heap.pop();
    out.push(i);
    release(2 * i);
  }
  return out;
}

/**
 * Marks every task reachable from task `i`'s exit node (the tasks whose dates may follow it),
 * or from its entry node with `fromEntry` (a link into a summary moves its subtasks too).
 */
export function markDownstream(deps: Dependencies, i: number, dirty: Uint8Array, fromEntry = false): void {
  const stack = [fromEntry ? 2 * i : 2 * i + 1];
  const seen = new Set<number>(stack);
  while (stack.length) {
    const v = stack.pop()!;
    dirty[v >> 1] = 1;
    for (let e = deps.nextStart[v]!; e < deps.nextStart[v + 1]!; e++) {
      const w = deps.next[e]!;
      if (!seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
}
