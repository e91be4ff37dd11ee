/**
 * Priority rules and the activity lists built from them: deterministically (always the
 * best-ranked eligible job) or by regret-based biased random sampling (Drexl 1991), which picks
 * an eligible job with probability growing with how much better it ranks than the worst.
 */
import type { Cpm } from './bounds.js';
import type { Problem } from './problem.js';
import type { Random } from './random.js';

/** The classic rules: latest finish / start time, minimum slack, most total successors, greatest rank positional weight. */
export type PriorityRule = 'lft' | 'lst' | 'min-slack' | 'mts' | 'grpw';

/** The rules in the order the initial population uses them (LFT first: the classic single pass). */
export const PRIORITY_RULES: readonly PriorityRule[] = ['lft', 'lst', 'min-slack', 'mts', 'grpw'];

/** Above this many bits the transitive-successor sets of MTS are not built (immediate successors are counted instead). */
const MAX_CLOSURE_WORDS = 1 << 22;

function totalSuccessors(p: Problem): Float64Array {
  const { n, topo } = p;
  const count = new Float64Array(n);
  const words = (n + 31) >>> 5;
  if (n * words > MAX_CLOSURE_WORDS) {
    for (let j = 0; j < n; j++) count[j] = p.succStart[j + 1]! - p.succStart[j]!;
    return count;
  }
  const bits = new Int32Array(n * words);
  for (let x = n - 1; x >= 0; x--) {
    const j = topo[x]!;
    const base = j * words;
    for (let k = p.succStart[j]!; k < p.succStart[j + 1]!; k++) {
      const s = p.succJob[k]!;
      bits[base + (s >>> 5)]! |= 1 << (s & 31);
      for (let w = 0; w < words; w++) bits[base + w]! |= bits[s * words + w]!;
    }
    let c = 0;
    for (let w = 0; w < words; w++) {
      let v = bits[base + w]! >>> 0;
      while (v !== 0) {
        v &= v - 1;
        c++;
      }
    }
    count[j] = c;
  }
  return count;
}

/**
 * The rank of every job under `rule`, lower first. A job's own priority, when the input gives
 * priorities, outranks the rule: the rule only orders jobs of equal priority.
 */
export function ruleValues(p: Problem, cpm: Cpm, rule: PriorityRule): Float64Array {
  const { n, dur } = p;
  const v = new Float64Array(n);
  if (rule === 'mts') {
    const ts = totalSuccessors(p);
    for (let j = 0; j < n; j++) v[j] = -ts[j]!;
  } else {
    for (let j = 0; j < n; j++) {
      if (rule === 'lft') v[j] = cpm.ls[j]! + dur[j]!;
      else if (rule === 'lst') v[j] = cpm.ls[j]!;
      else if (rule === 'min-slack') v[j] = cpm.ls[j]! - cpm.es[j]!;
      else {
        let w = dur[j]!;
        for (let k = p.succStart[j]!; k < p.succStart[j + 1]!; k++) w += dur[p.succJob[k]!]!;
        v[j] = -w;
      }
    }
  }
  if (p.priority) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < n; j++) {
      lo = Math.min(lo, v[j]!);
      hi = Math.max(hi, v[j]!);
    }
    const span = hi - lo + 1;
    for (let j = 0; j < n; j++) v[j] = v[j]! - p.priority[j]! * span;
  }
  return v;
}

/** For each free job, how many free predecessors it waits for (fixed jobs are placed from the start). */
function waiting(p: Problem): Int32Array {
  const left = new Int32Array(p.n);
  for (let j = 0; j < p.n; j++) {
    for (let k = p.predStart[j]!; k < p.predStart[j + 1]!; k++) if (p.fixed[p.predJob[k]!]! < 0) left[j]!++;
  }
  return left;
}

const before = (v: Float64Array, a: number, b: number): boolean => v[a]! < v[b]! || (v[a] === v[b] && a < b);

/**
 * The activity list the rule gives: each time, the eligible free job with the lowest value
 * (ties to the lower index). Written into `out` (length = number of free jobs). O(n log n).
 */
export function listByRule(p: Problem, values: Float64Array, out: Int32Array): void {
  const left = waiting(p);
  const heap = new Int32Array(p.n);
  let size = 0;
  const push = (j: number): void => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(values, j, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = j;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap[--size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && before(values, heap[c + 1]!, heap[c]!)) c++;
      if (!before(values, heap[c]!, last)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = last;
    return top;
  };
  for (const j of p.free) if (left[j] === 0) push(j);
  for (let x = 0; x < p.free.length; x++) {
    const j = pop();
    out[x] = j;
    for (let k = p.succStart[j]!; k < p.succStart[j + 1]!; k++) if (--left[p.succJob[k]!]! === 0 && p.fixed[p.succJob[k]!]! < 0) push(p.succJob[k]!);
  }
}

/**
 * A random activity list biased by `values` (regret-based biased random sampling): an eligible
 * job j is picked with probability ∝ (max over eligible of value − value_j + 1)^alpha.
 */
export function sampleList(p: Problem, values: Float64Array, rng: Random, alpha: number, out: Int32Array): void {
  const left = waiting(p);
  const eligible: number[] = [];
  const weight: number[] = [];
  for (const j of p.free) if (left[j] === 0) eligible.push(j);
  for (let x = 0; x < p.free.length; x++) {
    let worst = -Infinity;
    for (const j of eligible) worst = Math.max(worst, values[j]!);
    let total = 0;
    for (let e = 0; e < eligible.length; e++) {
      weight[e] = (worst - values[eligible[e]!]! + 1) ** alpha;
      total += weight[e]!;
    }
    let pick = 0;
    let r = rng.next() * total;
    while (pick < eligible.length - 1 && r >= weight[pick]!) r -= weight[pick++]!;
    const j = eligible[pick]!;
    eligible[pick] = eligible[eligible.length - 1]!;
    eligible.pop();
    out[x] = j;
    for (let k = p.succStart[j]!; k < p.succStart[j + 1]!; k++) if (--left[p.succJob[k]!]! === 0 && p.fixed[p.succJob[k]!]! < 0) eligible.push(p.succJob[k]!);
  }
}
