import { alg, Graph } from '@dagrejs/graphlib';
import type { ChronoAtom, ChronoBox, Chronograph } from './chronograph.js';
import type { FsNetwork } from './generate.js';

/** Early and late dates (minutes from 0) and total slack of each task of an {@link FsNetwork}, in its task order. */
export type CpmDates = {
  readonly earlyStart: Float64Array;
  readonly earlyFinish: Float64Array;
  readonly lateStart: Float64Array;
  readonly lateFinish: Float64Array;
  readonly totalSlack: Float64Array;
};

function emptyDates(n: number): CpmDates {
  return {
    earlyStart: new Float64Array(n),
    earlyFinish: new Float64Array(n),
    lateStart: new Float64Array(n),
    lateFinish: new Float64Array(n),
    totalSlack: new Float64Array(n),
  };
}

type Label = { duration: number; es: number; ef: number; ls: number; lf: number };

/**
 * CPM with graphlib, as one would write it: a directed graph of the tasks (labels hold the
 * duration and the dates), `alg.topsort`, a forward pass over the sorted nodes reading each
 * node's predecessors, a backward pass reading successors, then the dates read out.
 */
export function graphlibCpm(fs: FsNetwork): CpmDates {
  const g = new Graph<object, Label>();
  for (const t of fs.tasks) g.setNode(t.id, { duration: t.duration, es: 0, ef: 0, ls: 0, lf: 0 });
  for (const l of fs.links) g.setEdge(l.from, l.to);
  const order = alg.topsort(g);
  let projectFinish = 0;
  for (const v of order) {
    const label = g.node(v);
    let es = 0;
    for (const p of g.predecessors(v) ?? []) {
      const ef = g.node(p).ef;
      if (ef > es) es = ef;
    }
    label.es = es;
    label.ef = es + label.duration;
    if (label.ef > projectFinish) projectFinish = label.ef;
  }
  for (let x = order.length - 1; x >= 0; x--) {
    const v = order[x]!;
    const label = g.node(v);
    let lf = projectFinish;
    for (const s of g.successors(v) ?? []) {
      const ls = g.node(s).ls;
      if (ls < lf) lf = ls;
    }
    label.lf = lf;
    label.ls = lf - label.duration;
  }
  const out = emptyDates(fs.tasks.length);
  fs.tasks.forEach((t, i) => {
    const label = g.node(t.id);
    out.earlyStart[i] = label.es;
    out.earlyFinish[i] = label.ef;
    out.lateStart[i] = label.ls;
    out.lateFinish[i] = label.lf;
    out.totalSlack[i] = label.ls - label.es;
  });
  return out;
}

/** A task as ChronoGraph atoms: the duration is input, the four dates are calculated. */
type ChronoTask = {
  readonly duration: ChronoBox<number>;
  earlyStart: ChronoAtom<number>;
  earlyFinish: ChronoAtom<number>;
  lateStart: ChronoAtom<number>;
  lateFinish: ChronoAtom<number>;
  readonly predecessors: ChronoTask[];
  readonly successors: ChronoTask[];
  readonly project: { finish: ChronoAtom<number> };
};

// The calculations, shared by all tasks (`this` is the task), as the Entity layer shares its
// `@calculate` methods through the prototype.
function* calculateEarlyStart(this: ChronoTask): Generator<ChronoAtom<number>, number, number> {
  let es = 0;
  for (const p of this.predecessors) {
    const ef = yield p.earlyFinish;
    if (ef > es) es = ef;
  }
  return es;
}

function* calculateEarlyFinish(this: ChronoTask): Generator<ChronoAtom<number>, number, number> {
  return (yield this.earlyStart) + (yield this.duration);
}

function* calculateLateFinish(this: ChronoTask): Generator<ChronoAtom<number>, number, number> {
  let lf = yield this.project.finish;
  for (const s of this.successors) {
    const ls = yield s.lateStart;
    if (ls < lf) lf = ls;
  }
  return lf;
}

function* calculateLateStart(this: ChronoTask): Generator<ChronoAtom<number>, number, number> {
  return (yield this.lateFinish) - (yield this.duration);
}

function* calculateProjectFinish(this: { ends: ChronoTask[] }): Generator<ChronoAtom<number>, number, number> {
  let finish = 0;
  for (const t of this.ends) {
    const ef = yield t.earlyFinish;
    if (ef > finish) finish = ef;
  }
  return finish;
}

/**
 * CPM in ChronoGraph: each task a set of atoms whose early start is calculated from its
 * predecessors' early finishes, and late finish from its successors' late starts and the
 * project finish (the latest early finish of the tasks without successors); one commit
 * computes every atom (they are strict, not lazy), then the dates are read out.
 */
export function chronographCpm(fs: FsNetwork, chrono: Chronograph): CpmDates {
  const { BoxUnbound, CalculableBoxGenUnbound: Calc, ChronoGraph } = chrono;
  const graph = ChronoGraph.new({ historyLimit: -1 });
  const project = { ends: [] as ChronoTask[], finish: null as unknown as ChronoAtom<number> };
  project.finish = Calc.new({ calculation: calculateProjectFinish, context: project, lazy: false });
  const byId = new Map<string, ChronoTask>();
  const tasks = fs.tasks.map((t) => {
    const task: ChronoTask = {
      duration: BoxUnbound.new(t.duration),
      earlyStart: null as unknown as ChronoAtom<number>,
      earlyFinish: null as unknown as ChronoAtom<number>,
      lateStart: null as unknown as ChronoAtom<number>,
      lateFinish: null as unknown as ChronoAtom<number>,
      predecessors: [],
      successors: [],
      project,
    };
    task.earlyStart = Calc.new({ calculation: calculateEarlyStart, context: task, lazy: false });
    task.earlyFinish = Calc.new({ calculation: calculateEarlyFinish, context: task, lazy: false });
    task.lateFinish = Calc.new({ calculation: calculateLateFinish, context: task, lazy: false });
    task.lateStart = Calc.new({ calculation: calculateLateStart, context: task, lazy: false });
    byId.set(t.id, task);
    return task;
  });
  for (const l of fs.links) {
    const p = byId.get(l.from)!;
    const s = byId.get(l.to)!;
    p.successors.push(s);
    s.predecessors.push(p);
  }
  for (const t of tasks) {
    if (t.successors.length === 0) project.ends.push(t);
    graph.addAtom(t.duration);
    graph.addAtom(t.earlyStart);
    graph.addAtom(t.earlyFinish);
    graph.addAtom(t.lateFinish);
    graph.addAtom(t.lateStart);
  }
  graph.addAtom(project.finish);
  graph.commit();
  const out = emptyDates(tasks.length);
  tasks.forEach((t, i) => {
    out.earlyStart[i] = t.earlyStart.read();
    out.earlyFinish[i] = t.earlyFinish.read();
    out.lateStart[i] = t.lateStart.read();
    out.lateFinish[i] = t.lateFinish.read();
    out.totalSlack[i] = out.lateStart[i]! - out.earlyStart[i]!;
  });
  return out;
}
