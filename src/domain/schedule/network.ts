import { type FieldIssue, invalid, PharosError } from '../errors.js';
import { type Arena, noArena } from './arena.js';
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
  /** Each task's id, in input order (the array of an earlier network, when the ids are the same). */
  readonly ids: readonly string[];
  readonly linkPred: Int32Array;
  readonly linkSucc: Int32Array;
  readonly linkType: Uint8Array;
  /**
   * Incoming links of each task (link indices), and outgoing. `inList` is null when the links
   * are listed successor by successor: each task's incoming links are then the run of links
   * `inStart[i] … inStart[i+1]` themselves.
   */
  readonly inStart: Int32Array;
  readonly inList: Int32Array | null;
  readonly outStart: Int32Array;
  readonly outList: Int32Array;
  /** The predecessor and type of each incoming link, in `inList` order (read in sequence by the passes). */
  readonly inPred: Int32Array;
  readonly inType: Uint8Array;
  /** The successor and type of each outgoing link, in `outList` order. */
  readonly outSucc: Int32Array;
  readonly outType: Uint8Array;
  /**
   * Graph nodes (2n) in topological order: the outline order when the plan allows it (see
   * {@link outlineOrder}), else Kahn's order ({@link kahnOrder}).
   */
  readonly order: Int32Array;
  /** `order` is the outline order, not Kahn's. */
  readonly outlineOrdered: boolean;
  readonly constraint: Uint8Array;
};

/**
 * Groups the indices `k` by `keys[k]` (compressed sparse rows), leaving out negative keys and,
 * with `take`, the indices it holds 0 for.
 */
function csr(count: number, keys: Int32Array, take: Uint8Array | null, arena: Arena): [Int32Array, Int32Array] {
  const start = rowEnds(count, keys, take, arena);
  const list = arena.i32(start[count]!);
  fillRows(start, keys, take, list);
  return [start, list];
}

/** `start[i]` = the end of row i in the list, `start[count]` the total. */
function rowEnds(count: number, keys: Int32Array, take: Uint8Array | null, arena: Arena): Int32Array {
  const start = arena.i32(count + 1);
  let total = 0;
  for (let k = 0; k < keys.length; k++) {
    if (keys[k]! < 0 || (take && !take[k])) continue;
    start[keys[k]!]!++;
    total++;
  }
  for (let i = 1; i < count; i++) start[i]! += start[i - 1]!;
  start[count] = total;
  return start;
}

/** Fills each row from its end, last index first: leaves start[i] at the row's start and each row in increasing order. */
function fillRows(start: Int32Array, keys: Int32Array, take: Uint8Array | null, list: Int32Array): void {
  for (let k = keys.length - 1; k >= 0; k--) if (keys[k]! >= 0 && (!take || take[k])) list[--start[keys[k]!]!] = k;
}

/**
 * {@link csr} of links, with the other end and the type of each link laid out in row order
 * beside the list (written as each link is placed: reading them back through the list
 * afterwards jumps about the link arrays).
 */
function linkRows(count: number, keys: Int32Array, take: Uint8Array | null, other: Int32Array, type: Uint8Array, arena: Arena): [Int32Array, Int32Array, Int32Array, Uint8Array] {
  const start = rowEnds(count, keys, take, arena);
  const total = start[count]!;
  const list = arena.i32(total);
  const ends = arena.i32(total);
  const types = arena.u8(total);
  for (let k = keys.length - 1; k >= 0; k--) {
    if (keys[k]! < 0 || (take && !take[k])) continue;
    const at = --start[keys[k]!]!;
    list[at] = k;
    ends[at] = other[k]!;
    types[at] = type[k]!;
  }
  return [start, list, ends, types];
}

/** The row starts of {@link csr} for keys already in order (the list would be 0, 1, 2 …, so there is none). */
function sortedRows(count: number, keys: Int32Array, arena: Arena): Int32Array {
  const start = arena.i32(count + 1);
  let i = 0;
  for (let k = 0; k < keys.length; k++) while (i < keys[k]!) start[++i] = k;
  while (i < count) start[++i] = keys.length;
  return start;
}

/** FNV-1a over the UTF-16 code units of `s`. */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function hashesOf(ids: readonly string[], arena: Arena): Int32Array {
  const hashes = arena.i32(ids.length);
  for (let i = 0; i < ids.length; i++) hashes[i] = hashOf(ids[i]!);
  return hashes;
}

/** log2 of the slots in a region of the id table that {@link byRegion} fills at a time (64 KB: stays in cache). */
const REGION_BITS = 14;

/**
 * (hash, task) pairs ordered by the region of the table their home slot is in, tasks in
 * order within a region (a counting sort): filling a large table region by region keeps each
 * write in cache, where filling it in task order misses the cache at almost every task.
 */
function byRegion(hashes: Int32Array, mask: number, arena: Arena): Int32Array {
  const regions = (mask >>> REGION_BITS) + 1;
  const next = arena.i32(regions);
  for (let i = 0; i < hashes.length; i++) next[(hashes[i]! & mask) >>> REGION_BITS]!++;
  for (let r = 0, at = 0; r < regions; r++) {
    const count = next[r]!;
    next[r] = at;
    at += count;
  }
  const pairs = arena.i32(2 * hashes.length);
  for (let i = 0; i < hashes.length; i++) {
    const at = 2 * next[(hashes[i]! & mask) >>> REGION_BITS]!++;
    pairs[at] = hashes[i]!;
    pairs[at + 1] = i;
  }
  return pairs;
}

/**
 * Task ids to indices: an open-addressing hash table of task indices, sized once (a `Map`
 * grows by rehashing and takes several times the memory; at a million tasks building it
 * was a fifth of a recalculation). An id given twice maps to its last task, as `Map.set` would.
 */
class IdIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Each task's id hash: scanning those of nearby tasks is cheaper than a probe of the table. */
  private readonly hashes: Int32Array;

  constructor(
    private readonly ids: readonly string[],
    issues: FieldIssue[],
    arena: Arena,
  ) {
    const size = 1 << Math.max(4, 32 - Math.clz32(2 * ids.length));
    this.slots = arena.i32(size, -1);
    this.mask = size - 1;
    this.hashes = hashesOf(ids, arena);
    const pairs = size > 2 << REGION_BITS ? byRegion(this.hashes, this.mask, arena) : null;
    const duplicates: number[] = [];
    if (pairs) for (let x = 0; x < pairs.length; x += 2) this.insert(pairs[x]!, pairs[x + 1]!, duplicates);
    else for (let i = 0; i < ids.length; i++) this.insert(this.hashes[i]!, i, duplicates);
    for (const i of duplicates.sort((a, b) => a - b)) issues.push({ field: `tasks.${i}.id`, reason: `duplicates task ${ids[i]}` });
  }

  /** Puts task i in the table; an id already there is a duplicate (the later task is kept and listed). */
  private insert(hash: number, i: number, duplicates: number[]): void {
    const { slots, mask, ids } = this;
    const id = ids[i]!;
    let h = hash & mask;
    for (;;) {
      const at = slots[h]!;
      if (at < 0) break;
      if (ids[at] === id) {
        duplicates.push(i);
        break;
      }
      h = (h + 1) & mask;
    }
    slots[h] = i;
  }

  get(id: string, hash = hashOf(id)): number | undefined {
    let h = hash & this.mask;
    for (;;) {
      const at = this.slots[h]!;
      if (at < 0) return undefined;
      if (this.ids[at] === id) return at;
      h = (h + 1) & this.mask;
    }
  }

  /**
   * The task with id `id`, trying `guess` and the task after it first: plans list tasks in
   * outline order and links task by task, so the last answer or its neighbour usually is
   * the one. Ids are distinct once the index is built without issues, so a guess that
   * matches is the answer.
   */
  near(id: string, guess: number): number | undefined {
    const ids = this.ids;
    if (guess >= 0 && guess < ids.length && ids[guess] === id) return guess;
    if (guess + 1 < ids.length && ids[guess + 1] === id) return guess + 1;
    return this.get(id);
  }

  /**
   * The task with id `id`, looking first among the {@link BEFORE} tasks before `task` (a
   * predecessor is usually a little earlier in the plan than its successor).
   */
  before(id: string, task: number): number | undefined {
    const { hashes, ids } = this;
    // The nearest few by the id itself (half of all predecessors), the rest by its hash.
    const near = Math.max(0, task - NEAREST);
    for (let j = task - 1; j >= near; j--) if (ids[j] === id) return j;
    const hash = hashOf(id);
    for (let j = near - 1; j >= 0 && j >= task - BEFORE; j--) if (hashes[j] === hash && ids[j] === id) return j;
    return this.get(id, hash);
  }
}

/** How many tasks before a link's successor {@link IdIndex.before} scans for its predecessor. */
const BEFORE = 32;
/** How many of those it compares by id before hashing the id. */
const NEAREST = 4;

/** Reads the tasks and links into a {@link Network}, refusing what cannot be scheduled. */
export function buildNetwork(input: ScheduleInput, arena: Arena = noArena(), previousIds: readonly string[] | null = null): Network {
  // One function per loop: V8 compiles a long loop while it runs (on-stack replacement), and
  // code after it that has not run yet then throws that compiled code away; small functions
  // keep a first (cold) recalculation from compiling the same function ten times over.
  const { tasks, links } = input;
  const n = tasks.length;
  const issues: FieldIssue[] = [];
  const ids = previousIds && sameIds(tasks, previousIds) ? previousIds : idsOf(tasks);
  const index = new IdIndex(ids, issues, arena);
  const { active, parent, constraint } = readTasks(tasks, index, issues.length === 0, issues, arena);
  settleOutline(parent, active, issues, arena);
  const { linkPred, linkSucc, linkType } = readLinks(links, ids, index, issues.length === 0, issues, arena);
  if (issues.length) throw invalid(issues);
  checkSummaryLinks(tasks, parent, linkPred, linkSucc, issues, arena);
  if (issues.length) throw invalid(issues);

  const live = liveLinks(active, linkPred, linkSucc, arena);
  // Links listed successor by successor (as plans list each task's predecessors) are their
  // own incoming rows: the link arrays serve as the edge arrays.
  const bySuccessor = live === null && isSorted(linkSucc);
  const [inStart, inList, inPred, inType] = bySuccessor ? [sortedRows(n, linkSucc, arena), null, linkPred, linkType] : linkRows(n, linkSucc, live, linkPred, linkType, arena);
  const [outStart, outList, outSucc, outType] = linkRows(n, linkPred, live, linkSucc, linkType, arena);
  const [childStart, childList] = csr(n, parent, active, arena);
  const isSummary = arena.u8(n);
  for (let i = 0; i < n; i++) isSummary[i] = childStart[i + 1]! > childStart[i]! ? 1 : 0;
  const network = { n, ids, active, parent, isSummary, childStart, childList, linkPred, linkSucc, linkType, inStart, inList, inPred, inType, outStart, outList, outSucc, outType, constraint };
  const outline = outlineOrder(network, arena);
  return { ...network, order: outline ?? kahnOrder(network, tasks, arena), outlineOrdered: outline !== null };
}

/** Whether `ids` are the tasks' ids, in order (a plan recalculated after an edit that added, removed or moved no task). */
function sameIds(tasks: ScheduleInput['tasks'], ids: readonly string[]): boolean {
  if (ids.length !== tasks.length) return false;
  for (let i = 0; i < ids.length; i++) if (tasks[i]!.id !== ids[i]) return false;
  return true;
}

function idsOf(tasks: ScheduleInput['tasks']): string[] {
  const ids = new Array<string>(tasks.length);
  for (let i = 0; i < tasks.length; i++) ids[i] = tasks[i]!.id;
  return ids;
}

/** Each task's state, outline parent and constraint code, with what is wrong in them. */
function readTasks(tasks: ScheduleInput['tasks'], index: IdIndex, guessing: boolean, issues: FieldIssue[], arena: Arena) {
  const n = tasks.length;
  const active = arena.u8(n);
  const parent = arena.i32(n, -1);
  const constraint = arena.u8(n);
  for (let i = 0; i < n; i++) {
    const t = tasks[i]!;
    active[i] = t.inactive ? 0 : 1;
    if (!Number.isFinite(t.durationMinutes) || t.durationMinutes < 0) {
      issues.push({ field: `tasks.${i}.durationMinutes`, reason: 'must be a number of minutes, zero or more' });
    }
    if (t.parent != null) {
      // Siblings sit together: the previous task's parent, or the previous task itself.
      const p = guessing ? index.near(t.parent, i > 0 ? (parent[i - 1]! >= 0 ? parent[i - 1]! : i - 1) : -1) : index.get(t.parent);
      if (p === undefined) issues.push({ field: `tasks.${i}.parent`, reason: `task ${t.parent} does not exist` });
      else if (p === i) issues.push({ field: `tasks.${i}.parent`, reason: 'a task cannot be its own parent' });
      else parent[i] = p;
    }
    const c = t.constraint ?? 'ASAP';
    const code = c === 'ASAP' ? 0 : Object.hasOwn(CONSTRAINT_CODE, c) ? CONSTRAINT_CODE[c] : undefined;
    if (code === undefined) issues.push({ field: `tasks.${i}.constraint`, reason: `must be one of ${CONSTRAINT_TYPES.join(', ')}` });
    else if (code > 1 && (t.constraintDate == null || !Number.isFinite(t.constraintDate))) {
      issues.push({ field: `tasks.${i}.constraintDate`, reason: `a ${c} constraint needs a date` });
    }
    constraint[i] = code ?? 0;
  }
  return { active, parent, constraint };
}

/**
 * An inactive summary makes its whole branch inactive; an outline that loops is an issue.
 * Parents usually come before their children, so a task whose parent is earlier and settled
 * takes its parent's state; the walk up the outline is only needed for the others.
 */
function settleOutline(parent: Int32Array, active: Uint8Array, issues: FieldIssue[], arena: Arena): void {
  const n = parent.length;
  const settled = arena.u8(n);
  for (let i = 0; i < n; i++) {
    const p0 = parent[i]!;
    if (p0 < 0) {
      settled[i] = 1;
      continue;
    }
    if (p0 < i && settled[p0]) {
      if (!active[p0]) active[i] = 0;
      settled[i] = 1;
      continue;
    }
    for (let p = p0, steps = 0; p >= 0 && steps <= n; p = parent[p]!, steps++) {
      if (steps === n) issues.push({ field: `tasks.${i}.parent`, reason: 'the outline loops back on itself' });
      if (!active[p]) active[i] = 0;
    }
  }
}

/** The code of a link type ({@link LINK_CODE}), or -1 (compared in turn: a lookup by key is slower, per link). */
function linkCode(type: string): number {
  return type === 'FS' ? 0 : type === 'SS' ? 1 : type === 'FF' ? 2 : type === 'SF' ? 3 : -1;
}

/** Each link's predecessor, successor and type code, with what is wrong in them. */
function readLinks(links: ScheduleInput['links'], ids: readonly string[], index: IdIndex, guessing: boolean, issues: FieldIssue[], arena: Arena) {
  const m = links.length;
  const linkPred = arena.i32(m);
  const linkSucc = arena.i32(m);
  const linkType = arena.u8(m);
  let lastPred = -1;
  let lastSucc = -1;
  for (let k = 0; k < m; k++) {
    const l = links[k]!;
    let s: number | undefined;
    let p: number | undefined;
    if (guessing) {
      s = index.near(l.successor, lastSucc);
      // A predecessor is often the last link's, or a little before its successor.
      if (s === undefined) p = index.near(l.predecessor, lastPred);
      else p = lastPred >= 0 && ids[lastPred] === l.predecessor ? lastPred : index.before(l.predecessor, s);
    } else {
      p = index.get(l.predecessor);
      s = index.get(l.successor);
    }
    const type = linkCode(l.type);
    if (p === undefined) issues.push({ field: `links.${k}.predecessor`, reason: `task ${l.predecessor} does not exist` });
    if (s === undefined) issues.push({ field: `links.${k}.successor`, reason: `task ${l.successor} does not exist` });
    if (type < 0) issues.push({ field: `links.${k}.type`, reason: `must be one of ${LINK_TYPES.join(', ')}` });
    linkPred[k] = p ?? 0;
    linkSucc[k] = s ?? 0;
    linkType[k] = type < 0 ? 0 : type;
    if (p !== undefined) lastPred = p;
    if (s !== undefined) lastSucc = s;
  }
  return { linkPred, linkSucc, linkType };
}

/** Refuses links of a task to itself and between a task and its own summary. */
function checkSummaryLinks(tasks: ScheduleInput['tasks'], parent: Int32Array, linkPred: Int32Array, linkSucc: Int32Array, issues: FieldIssue[], arena: Arena): void {
  const hasChildren = arena.u8(parent.length);
  for (let i = 0; i < parent.length; i++) if (parent[i]! >= 0) hasChildren[parent[i]!] = 1;
  for (let k = 0; k < linkPred.length; k++) {
    const p = linkPred[k]!;
    const s = linkSucc[k]!;
    if (p === s) issues.push({ field: `links.${k}`, reason: `task ${tasks[p]!.id} cannot depend on itself` });
    // Only a task with children can be another's summary.
    if (hasChildren[p]) {
      for (let a = parent[s]!; a >= 0; a = parent[a]!) {
        if (a === p) issues.push({ field: `links.${k}`, reason: `${tasks[s]!.id} sits under ${tasks[p]!.id}: a task cannot be linked to its own summary` });
      }
    }
    if (hasChildren[s]) {
      for (let a = parent[p]!; a >= 0; a = parent[a]!) {
        if (a === s) issues.push({ field: `links.${k}`, reason: `${tasks[p]!.id} sits under ${tasks[s]!.id}: a task cannot be linked to its own summary` });
      }
    }
  }
}

/** Which links join two active tasks (1), or null when all tasks are active. */
function liveLinks(active: Uint8Array, linkPred: Int32Array, linkSucc: Int32Array, arena: Arena): Uint8Array | null {
  let all = true;
  for (let i = 0; i < active.length; i++) if (!active[i]) all = false;
  if (all) return null;
  const live = arena.u8(linkPred.length);
  for (let k = 0; k < live.length; k++) live[k] = active[linkPred[k]!]! & active[linkSucc[k]!]!;
  return live;
}

function isSorted(keys: Int32Array): boolean {
  for (let k = 1; k < keys.length; k++) if (keys[k]! < keys[k - 1]!) return false;
  return true;
}

type Edges = Omit<Network, 'order' | 'outlineOrdered'>;

/**
 * The nodes in outline order, or null when that is not topological. Walking the tasks in
 * input order, each task's entry comes first, a leaf's exit right after it, and a summary's
 * exit after its last descendant's: a topological order when every parent comes before its
 * children, each summary's branch is contiguous, and every link runs from an earlier task to
 * a later one (as in most plans). The passes then sweep the arrays front to back instead of
 * jumping about them as Kahn's breadth-first order does, which is several times faster on
 * large plans.
 */
function outlineOrder(g: Edges, arena: Arena): Int32Array | null {
  const { n, active, parent, isSummary, inStart, inPred } = g;
  let live = 0;
  for (let i = 0; i < n; i++) live += active[i]!;
  const order = arena.i32(2 * live);
  /** 1 once a task's exit is placed in `order`. */
  const placed = arena.u8(n);
  const open = arena.i32(n);
  let depth = 0;
  let x = 0;
  for (let i = 0; i < n; i++) {
    if (!active[i]) continue;
    const p = parent[i]!;
    while (depth > 0 && open[depth - 1] !== p) {
      const done = open[--depth]!;
      placed[done] = 1;
      order[x++] = 2 * done + 1;
    }
    if (p >= 0 && depth === 0) return null;
    // Every predecessor's exit must already be placed.
    for (let e = inStart[i]!; e < inStart[i + 1]!; e++) if (placed[inPred[e]!] === 0) return null;
    order[x++] = 2 * i;
    if (isSummary[i]) open[depth++] = i;
    else {
      placed[i] = 1;
      order[x++] = 2 * i + 1;
    }
  }
  while (depth > 0) order[x++] = 2 * open[--depth]! + 1;
  return order;
}

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
 * Kahn's algorithm (first in, first out) over the 2n nodes of the active tasks; a cycle is
 * reported with its tasks. The edges of {@link forEachEdge} are written out inline: this
 * runs over every task, and a callback per edge costs more than the rest of the sort.
 */
export function kahnOrder(g: Edges, tasks: ScheduleInput['tasks'], arena: Arena = noArena()): Int32Array {
  const indegree = indegrees(g, arena);
  const order = arena.i32(indegree.live);
  let tail = 0;
  for (let v = 0; v < indegree.counts.length; v++) if (g.active[v >> 1] && indegree.counts[v] === 0) order[tail++] = v;
  tail = freeInTurn(g, indegree.counts, order, tail);
  if (tail < indegree.live) throw cycleError(g, indegree.counts, tasks.map((t) => t.name ?? t.id));
  return order;
}

/** Each node's count of incoming edges, and the number of live nodes. */
function indegrees(g: Edges, arena: Arena): { counts: Int32Array; live: number } {
  const { n, active, childStart, inStart, parent } = g;
  const counts = arena.i32(2 * n);
  let live = 0;
  for (let i = 0; i < n; i++) {
    if (!active[i]) continue;
    live += 2;
    // Entry: its links and its parent's entry; exit: its entry and its children's exits.
    counts[2 * i] = inStart[i + 1]! - inStart[i]! + (parent[i]! >= 0 ? 1 : 0);
    counts[2 * i + 1] = 1 + childStart[i + 1]! - childStart[i]!;
  }
  return { counts, live };
}

/** Kahn's queue: takes the nodes in `order` from the front, appending those they free; returns its final length. */
function freeInTurn(g: Edges, indegree: Int32Array, order: Int32Array, queued: number): number {
  const { childStart, childList, outStart, outSucc, parent } = g;
  let head = 0;
  let tail = queued;
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
        const to = 2 * outSucc[e]!;
        if (--indegree[to]! === 0) order[tail++] = to;
      }
      const p = parent[i]!;
      if (p >= 0 && --indegree[2 * p + 1]! === 0) order[tail++] = 2 * p + 1;
    }
  }
  return tail;
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
