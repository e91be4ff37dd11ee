import { type FieldIssue, invalid, PharosError } from '../errors.js';
import { CONSTRAINT_TYPES, type ConstraintType, LINK_TYPES, type LinkType, type ScheduleInput } from './types.js';

export const LINK_CODE: Readonly<Record<LinkType, number>> = { FS: 0, SS: 1, FF: 2, SF: 3 };
export const CONSTRAINT_CODE: Readonly<Record<ConstraintType, number>> = {
  ASAP: 0,
  ALAP: 1,
  SNET: 2,
  SNLT: 3,
  FNET: 4,
  FNLT: 5,
  MSO: 6,
  MFO: 7,
};

/**
 * A plan as index-based arrays. Each task has two nodes in the dependency graph: its entry
 * (node 2i: the bounds its links, constraints and outline parent put on it) and its exit
 * (node 2i+1: its dates, or for a summary the roll-up of its children's). Edges run
 * exit(predecessor) → entry(successor), entry(parent) → entry(child),
 * exit(child) → exit(parent) and entry(task) → exit(task), so one topological order serves
 * both passes and summary links need no special casing.
 */
export type Network = {
  readonly n: number;
  readonly active: Uint8Array;
  readonly parent: Int32Array;
  readonly isSummary: Uint8Array;
  /** Children of each task: `childList[childStart[i] … childStart[i+1])`. */
  readonly childStart: Int32Array;
  readonly childList: Int32Array;
  readonly linkPred: Int32Array;
  readonly linkSucc: Int32Array;
  readonly linkType: Uint8Array;
  /** Incoming links of each task (link indices), and outgoing. */
  readonly inStart: Int32Array;
  readonly inList: Int32Array;
  readonly outStart: Int32Array;
  readonly outList: Int32Array;
  /** Graph nodes (2n) in topological order. */
  readonly order: Int32Array;
  readonly constraint: Uint8Array;
};

function csr(count: number, keys: Int32Array, take: (k: number) => boolean): [Int32Array, Int32Array] {
  const start = new Int32Array(count + 1);
  let total = 0;
  for (let k = 0; k < keys.length; k++) {
    if (!take(k)) continue;
    start[keys[k]! + 1]!++;
    total++;
  }
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, count);
  const list = new Int32Array(total);
  for (let k = 0; k < keys.length; k++) if (take(k)) list[fill[keys[k]!]!++] = k;
  return [start, list];
}

/** Reads the tasks and links into a {@link Network}, refusing what cannot be scheduled. */
export function buildNetwork(input: ScheduleInput): Network {
  const { tasks, links } = input;
  const n = tasks.length;
  const issues: FieldIssue[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = tasks[i]!.id;
    if (index.has(id)) issues.push({ field: `tasks.${i}.id`, reason: `duplicates task ${id}` });
    index.set(id, i);
  }
  const active = new Uint8Array(n);
  const parent = new Int32Array(n).fill(-1);
  const constraint = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = tasks[i]!;
    active[i] = t.inactive ? 0 : 1;
    if (!Number.isFinite(t.durationMinutes) || t.durationMinutes < 0) {
      issues.push({ field: `tasks.${i}.durationMinutes`, reason: 'must be a number of minutes, zero or more' });
    }
    if (t.parent != null) {
      const p = index.get(t.parent);
      if (p === undefined) issues.push({ field: `tasks.${i}.parent`, reason: `task ${t.parent} does not exist` });
      else if (p === i) issues.push({ field: `tasks.${i}.parent`, reason: 'a task cannot be its own parent' });
      else parent[i] = p;
    }
    const c = t.constraint ?? 'ASAP';
    const code = Object.hasOwn(CONSTRAINT_CODE, c) ? CONSTRAINT_CODE[c] : undefined;
    if (code === undefined) issues.push({ field: `tasks.${i}.constraint`, reason: `must be one of ${CONSTRAINT_TYPES.join(', ')}` });
    else if (code > 1 && (t.constraintDate == null || !Number.isFinite(t.constraintDate))) {
      issues.push({ field: `tasks.${i}.constraintDate`, reason: `a ${c} constraint needs a date` });
    }
    constraint[i] = code ?? 0;
  }
  // An inactive summary makes its whole branch inactive.
  for (let i = 0; i < n; i++) {
    for (let p = parent[i]!, steps = 0; p >= 0 && steps <= n; p = parent[p]!, steps++) {
      if (steps === n) issues.push({ field: `tasks.${i}.parent`, reason: 'the outline loops back on itself' });
      if (!active[p]) active[i] = 0;
    }
  }
  const m = links.length;
  const linkPred = new Int32Array(m);
  const linkSucc = new Int32Array(m);
  const linkType = new Uint8Array(m);
  for (let k = 0; k < m; k++) {
    const l = links[k]!;
    const p = index.get(l.predecessor);
    const s = index.get(l.successor);
    const type = Object.hasOwn(LINK_CODE, l.type) ? LINK_CODE[l.type] : undefined;
    if (p === undefined) issues.push({ field: `links.${k}.predecessor`, reason: `task ${l.predecessor} does not exist` });
    if (s === undefined) issues.push({ field: `links.${k}.successor`, reason: `task ${l.successor} does not exist` });
    if (type === undefined) issues.push({ field: `links.${k}.type`, reason: `must be one of ${LINK_TYPES.join(', ')}` });
    linkPred[k] = p ?? 0;
    linkSucc[k] = s ?? 0;
    linkType[k] = type ?? 0;
  }
  if (issues.length) throw invalid(issues);
  for (let k = 0; k < m; k++) {
    const p = linkPred[k]!;
    const s = linkSucc[k]!;
    if (p === s) issues.push({ field: `links.${k}`, reason: `task ${tasks[p]!.id} cannot depend on itself` });
    for (let a = parent[s]!; a >= 0; a = parent[a]!) {
      if (a === p) issues.push({ field: `links.${k}`, reason: `${tasks[s]!.id} sits under ${tasks[p]!.id}: a task cannot be linked to its own summary` });
    }
    for (let a = parent[p]!; a >= 0; a = parent[a]!) {
      if (a === s) issues.push({ field: `links.${k}`, reason: `${tasks[p]!.id} sits under ${tasks[s]!.id}: a task cannot be linked to its own summary` });
    }
  }
  if (issues.length) throw invalid(issues);

  const live = (k: number): boolean => active[linkPred[k]!] === 1 && active[linkSucc[k]!] === 1;
  const [inStart, inList] = csr(n, linkSucc, live);
  const [outStart, outList] = csr(n, linkPred, live);
  const [childStart, childList] = csr(n, parent, (i) => parent[i]! >= 0 && active[i] === 1);
  const isSummary = new Uint8Array(n);
  for (let i = 0; i < n; i++) isSummary[i] = childStart[i + 1]! > childStart[i]! ? 1 : 0;
  const network = { n, active, parent, isSummary, childStart, childList, linkPred, linkSucc, linkType, inStart, inList, outStart, outList, constraint };
  return { ...network, order: topologicalOrder(network, () => tasks.map((t) => t.name ?? t.id)) };
}

type Edges = Omit<Network, 'order'>;

/** Calls `visit(to)` for each graph node that `node` points to. */
function forEachEdge(g: Edges, node: number, visit: (to: number) => void): void {
  const i = node >> 1;
  if ((node & 1) === 0) {
    visit(node + 1);
    for (let c = g.childStart[i]!; c < g.childStart[i + 1]!; c++) visit(2 * g.childList[c]!);
  } else {
    for (let e = g.outStart[i]!; e < g.outStart[i + 1]!; e++) visit(2 * g.linkSucc[g.outList[e]!]!);
    if (g.parent[i]! >= 0) visit(2 * g.parent[i]! + 1);
  }
}

/**
 * Kahn's algorithm over the 2n nodes of the active tasks; a cycle is reported with its tasks.
 * The edges of {@link forEachEdge} are written out inline: this runs once per recalculation
 * over every task, and a callback per edge costs more than the rest of the sort.
 */
function topologicalOrder(g: Edges, names: () => readonly string[]): Int32Array {
  const { n, active, childStart, childList, outStart, outList, linkSucc, parent } = g;
  const indegree = new Int32Array(2 * n);
  let live = 0;
  for (let i = 0; i < n; i++) {
    if (!active[i]) continue;
    live += 2;
    indegree[2 * i + 1]!++;
    for (let c = childStart[i]!; c < childStart[i + 1]!; c++) indegree[2 * childList[c]!]!++;
    for (let e = outStart[i]!; e < outStart[i + 1]!; e++) indegree[2 * linkSucc[outList[e]!]!]!++;
    if (parent[i]! >= 0) indegree[2 * parent[i]! + 1]!++;
  }
  const order = new Int32Array(live);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < 2 * n; v++) if (active[v >> 1] && indegree[v] === 0) order[tail++] = v;
  while (head < tail) {
    const v = order[head++]!;
    const i = v >> 1;
    if ((v & 1) === 0) {
      if (--indegree[v + 1]! === 0) order[tail++] = v + 1;
      for (let c = childStart[i]!; c < childStart[i + 1]!; c++) {
        const to = 2 * childList[c]!;
        if (--indegree[to]! === 0) order[tail++] = to;
      }
    } else {
      for (let e = outStart[i]!; e < outStart[i + 1]!; e++) {
        const to = 2 * linkSucc[outList[e]!]!;
        if (--indegree[to]! === 0) order[tail++] = to;
      }
      const p = parent[i]!;
      if (p >= 0 && --indegree[2 * p + 1]! === 0) order[tail++] = 2 * p + 1;
    }
  }
  if (tail < live) throw cycleError(g, indegree, names());
  return order;
}

/** Finds one loop among the nodes Kahn's algorithm could not free, walking without recursion. */
function cycleError(g: Edges, indegree: Int32Array, names: readonly string[]): PharosError {
  const stuck = (v: number): boolean => g.active[v >> 1] === 1 && indegree[v]! > 0;
  // Every stuck node has a stuck predecessor; walking predecessors must revisit a node. Build
  // a reverse step: for each stuck node, one stuck node pointing to it.
  const from = new Int32Array(2 * g.n).fill(-1);
  for (let v = 0; v < 2 * g.n; v++) {
    if (!stuck(v)) continue;
    forEachEdge(g, v, (to) => {
      if (stuck(to) && from[to] === -1) from[to] = v;
    });
  }
  let v = 0;
  while (!stuck(v)) v++;
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(v)) {
    seenAt.set(v, path.length);
    path.push(v);
    v = from[v]!;
  }
  const loop = path.slice(seenAt.get(v)).reverse();
  const tasks: string[] = [];
  for (const node of loop) {
    const name = names[node >> 1]!;
    if (tasks[tasks.length - 1] !== name) tasks.push(name);
  }
  if (tasks.length > 1 && tasks[0] === tasks[tasks.length - 1]) tasks.pop();
  return new PharosError('cycle', `the links form a loop: ${[...tasks, tasks[0]].join(' → ')}`, {
    extensions: { tasks },
  });
}
