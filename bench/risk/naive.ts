import type { RiskModel } from '../../src/domain/risk/types.js';
import { prng } from '../api/fixtures.js';

/**
 * The straightforward implementation of the same simulation, as one would first write it:
 * an object per task with arrays of predecessor and successor objects, one random call per
 * sample (plain Monte Carlo), a forward and a backward pass per iteration over the objects,
 * every sampled duration kept in a plain array for the tornado, and Spearman correlation by
 * sorting at the end. Triangular durations and FS links only (what the generator makes).
 */
type Task = { id: string; min: number; mode: number; max: number; rate: number; preds: Task[]; succs: Task[]; d: number; es: number; ef: number; lf: number; critical: number; samples: number[] };

const tri = (t: { min: number; mode: number; max: number }, u: number) => {
  const fm = (t.mode - t.min) / (t.max - t.min);
  return u < fm ? t.min + Math.sqrt(u * (t.max - t.min) * (t.mode - t.min)) : t.max - Math.sqrt((1 - u) * (t.max - t.min) * (t.max - t.mode));
};

function ranks(x: number[]): number[] {
  const idx = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const r = new Array<number>(x.length);
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]!] === x[idx[i]!]) j++;
    for (let k = i; k <= j; k++) r[idx[k]!] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, v) => s + v, 0) / n;
  const mb = rb.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i]! - ma) * (rb[i]! - mb);
    saa += (ra[i]! - ma) ** 2;
    sbb += (rb[i]! - mb) ** 2;
  }
  return saa && sbb ? sab / Math.sqrt(saa * sbb) : 0;
}

export function naiveSimulate(model: RiskModel, iterations: number, seed: number) {
  const rand = prng(seed);
  const tasks: Task[] = model.tasks.map((t) => {
    const e = t as { min: number; mode: number; max: number };
    return { id: t.id, min: e.min, mode: e.mode, max: e.max, rate: t.costPerDay ?? 0, preds: [], succs: [], d: 0, es: 0, ef: 0, lf: 0, critical: 0, samples: [] };
  });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  model.tasks.forEach((t, i) => {
    for (const p of t.predecessors ?? []) {
      tasks[i]!.preds.push(byId.get(p)!);
      byId.get(p)!.succs.push(tasks[i]!);
    }
  });
  // Topological order once (Kahn).
  const indeg = new Map(tasks.map((t) => [t, t.preds.length]));
  const order: Task[] = tasks.filter((t) => t.preds.length === 0);
  for (let i = 0; i < order.length; i++) for (const s of order[i]!.succs) if (indeg.set(s, indeg.get(s)! - 1).get(s) === 0) order.push(s);
  const risks = (model.risks ?? []).map((r) => ({ id: r.id, p: r.probability, impacts: (r.impacts ?? []).map((im) => ({ task: byId.get(im.task)!, min: im.min, mode: im.mode, max: im.max })), cost: r.cost, effects: [] as number[] }));
  const finish: number[] = [];
  const cost: number[] = [];
  for (let it = 0; it < iterations; it++) {
    for (const t of tasks) {
      t.d = tri(t, rand());
      t.samples.push(t.d);
    }
    let c = 0;
    for (const r of risks) {
      let effect = 0;
      if (rand() < r.p) {
        for (const im of r.impacts) {
          const x = tri(im, rand());
          im.task.d += x;
          effect += x;
        }
        if (r.cost) c += tri(r.cost, rand());
      }
      r.effects.push(effect);
    }
    let f = 0;
    for (const t of order) {
      t.es = 0;
      for (const p of t.preds) t.es = Math.max(t.es, p.ef);
      t.ef = t.es + t.d;
      f = Math.max(f, t.ef);
      c += t.rate * t.d;
    }
    for (let k = order.length - 1; k >= 0; k--) {
      const t = order[k]!;
      t.lf = f;
      for (const s of t.succs) t.lf = Math.min(t.lf, s.lf - s.d);
      if (t.lf - t.ef <= 1e-9 * (1 + f)) t.critical++;
    }
    finish.push(f);
    cost.push(c);
  }
  const sorted = [...finish].sort((a, b) => a - b);
  const at = (p: number) => {
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    return sorted[lo]! + (h - lo) * (sorted[Math.min(sorted.length - 1, lo + 1)]! - sorted[lo]!);
  };
  const tornado = [...tasks.map((t) => ({ id: t.id, rho: spearman(t.samples, finish) })), ...risks.map((r) => ({ id: r.id, rho: spearman(r.effects, finish) }))].sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho));
  return {
    finish: { mean: finish.reduce((s, v) => s + v, 0) / iterations, sd: Math.sqrt(finish.reduce((s, v) => s + v * v, 0) / iterations - (finish.reduce((s, v) => s + v, 0) / iterations) ** 2), p50: at(0.5), p80: at(0.8) },
    criticality: new Map(tasks.map((t) => [t.id, t.critical / iterations])),
    tornado,
  };
}
