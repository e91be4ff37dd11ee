import { finishFrom, snapStart } from '../clocks.js';
import { schedule } from '../schedule.js';
import type { ScheduleInput, ScheduleResult } from '../types.js';
import { covers } from './intervals.js';
import { type Model, useIntervals } from './model.js';
import { type Dependencies, markDownstream } from './order.js';
import { UsageProfile } from './profile.js';
import { linkBound, startBound } from './start-bound.js';
import type { UnresolvedReason } from './types.js';

type Booking = { readonly start: number; readonly finish: number; readonly intervals: readonly (readonly number[])[] };

/** `plan` with each task's `levelingDelayMinutes` set to `delays[i]` (tasks whose delay is unchanged are shared). */
export function withDelays(plan: ScheduleInput, delays: Float64Array): ScheduleInput {
  return { ...plan, tasks: plan.tasks.map((t, i) => (delays[i] === (t.levelingDelayMinutes ?? 0) ? t : { ...t, levelingDelayMinutes: delays[i]! })) };
}

/** Rounds of "recompute, then correct delays the engine did not turn into the intended start" before accepting its dates. */
const CORRECTION_ROUNDS = 3;

/**
 * One serial pass of levelling over a plan: tasks are placed one by one in the levelling
 * order, each at the earliest working moment, from where its links put it, at which every
 * resource it uses has room for its whole duration; the delay is written into
 * `levelingDelayMinutes` and the plan is recomputed by `schedule()` whenever the next task
 * depends on a task moved since the last computation. Tasks that may not move use their
 * resources where the plan puts them (booked before the pass, and again if they move).
 */
export class SerialPass {
  current: ScheduleResult;
  readonly delays: Float64Array;
  readonly unresolved: (UnresolvedReason | undefined)[];
  /** For each delayed task: resource index → the tasks it waited for. */
  readonly waits = new Map<number, Map<number, Set<number>>>();
  private readonly profiles: UsageProfile[];
  private readonly booked: (Booking | null)[];
  /** The tasks booked on each resource. */
  private readonly bookedOn: Set<number>[];
  private readonly target: Float64Array;
  private readonly dirty: Uint8Array;
  private changed = false;

  constructor(
    private readonly m: Model,
    private readonly plan: ScheduleInput,
    private readonly deps: Dependencies,
    delays: Float64Array,
    base: ScheduleResult,
    private readonly withinSlackOnly: boolean,
  ) {
    this.delays = delays;
    this.current = base;
    this.unresolved = new Array<UnresolvedReason | undefined>(m.n);
    this.profiles = m.resources.map((r) => new UsageProfile(r.capacity));
    this.booked = new Array<Booking | null>(m.n).fill(null);
    this.bookedOn = m.resources.map(() => new Set<number>());
    this.target = new Float64Array(m.n).fill(NaN);
    this.dirty = new Uint8Array(m.n);
    for (let i = 0; i < m.n; i++) {
      if (m.pinned[i] && m.uses[i]!.length) this.book(i, base.start[i]!, base.finish[i]!);
    }
  }

  /** The plan with the current delays. */
  planWithDelays(): ScheduleInput {
    return withDelays(this.plan, this.delays);
  }

  run(order: readonly number[]): ScheduleResult {
    const { m } = this;
    for (const i of order) {
      if (!m.uses[i]!.length) continue;
      const alap = this.plan.tasks[i]!.constraint === 'ALAP';
      if (this.dirty[i] || (this.changed && (alap || this.withinSlackOnly))) this.recompute();
      const start = this.current.start[i]!;
      if (!Number.isFinite(start)) continue;
      if (m.pinned[i]) this.rebookIfMoved(i);
      else this.place(i);
    }
    if (this.changed) this.recompute();
    return this.current;
  }

  private place(i: number): void {
    const { m, current } = this;
    const clock = m.clocks[i]!;
    const d = m.duration[i]!;
    const earliest = current.start[i]!;
    const limit = this.latestStart(i);
    const waits = new Map<number, Set<number>>();
    let at = earliest;
    for (;;) {
      const finish = finishFrom(clock, at, d);
      let first: { at: number; until: number; resource: number } | null = null;
      for (const use of m.uses[i]!) {
        const c = this.profiles[use.resource]!.firstConflict(useIntervals(m, i, use.resource, at, finish), use.fit);
        if (c && (!first || c.at < first.at)) first = { ...c, resource: use.resource };
      }
      if (!first) break;
      const holders = waits.get(first.resource) ?? new Set<number>();
      for (const j of this.holdersAt(first.resource, first.at)) holders.add(j);
      waits.set(first.resource, holders);
      at = snapStart(clock, first.until, d);
      if (at > limit.at) {
        this.unresolved[i] = limit.reason;
        at = earliest;
        break;
      }
    }
    if (at === earliest) {
      this.rebookIfMoved(i);
      return;
    }
    this.delays[i] = Math.max(0, at - startBound(m, this.plan, this.deps, current, i));
    this.target[i] = at;
    this.waits.set(i, waits);
    this.unbook(i);
    const finish = finishFrom(clock, at, d);
    this.book(i, at, finish);
    this.markMoved(i, at, finish);
    this.changed = true;
  }

  /**
   * Marks for recomputation the tasks whose dates may follow task `i` now that it starts at
   * `start` and finishes at `finish`: each successor whose link bound now passes its current
   * date, and each summary whose roll-up may change, with everything downstream of them; and
   * a successor whose start bound moved although its dates did not (its delay is measured
   * from that bound). A
   * delay absorbed by free slack marks nothing, so the plan is recomputed only when a task
   * about to be placed really moved.
   */
  private markMoved(i: number, start: number, finish: number): void {
    const { m, plan, current } = this;
    for (const k of this.deps.outLinks[i]!) {
      const link = plan.links[k]!;
      const s = m.index.get(link.successor)!;
      if (this.dirty[s]) continue;
      const bound = linkBound(m, plan, link, i, s, start, finish);
      const startSide = link.type[1] === 'S';
      if (bound > (startSide ? current.start[s]! : current.finish[s]!)) markDownstream(this.deps, s, this.dirty, m.isSummary[s] === 1);
      // The successor stays, but the start bound its own delay would be measured from moved.
      else if (startSide && bound > linkBound(m, plan, link, i, s, current.start[i]!, current.finish[i]!)) {
        // Under a summary, every subtask's start bound moved with the summary's.
        if (m.isSummary[s]) markDownstream(this.deps, s, this.dirty, true);
        else this.dirty[s] = 1;
      }
    }
    const p = m.parent[i]!;
    if (p >= 0 && !this.dirty[p] && (finish > current.finish[p]! || current.start[i]! <= current.start[p]!)) markDownstream(this.deps, p, this.dirty);
  }

  /** The latest start levelling may give task `i`: its late start within slack only, and an SNLT/FNLT date that is honoured. */
  private latestStart(i: number): { at: number; reason: UnresolvedReason } {
    let at = Infinity;
    let reason: UnresolvedReason = 'within-slack';
    if (this.withinSlackOnly) {
      // Slack as room from where the task is (its scheduled start can precede its early start
      // when an ALAP task re-flows it), never past its late start.
      const { start, earlyStart, lateStart } = this.current;
      at = Math.min(lateStart[i]!, start[i]! + lateStart[i]! - earlyStart[i]!);
    }
    const t = this.plan.tasks[i]!;
    if ((this.plan.honorConstraints ?? true) && t.constraintDate != null && (t.constraint === 'SNLT' || t.constraint === 'FNLT')) {
      const c = this.m.clocks[i]!;
      const latest = t.constraint === 'SNLT' ? t.constraintDate : c.startAt(c.work(t.constraintDate) - this.m.duration[i]!);
      if (latest < at) {
        at = latest;
        reason = 'constraint';
      }
    }
    return { at, reason };
  }

  private holdersAt(resource: number, t: number): number[] {
    const out: number[] = [];
    for (const j of this.bookedOn[resource]!) {
      const k = this.m.uses[j]!.findIndex((u) => u.resource === resource);
      if (covers(this.booked[j]!.intervals[k]!, t)) out.push(j);
    }
    return out;
  }

  private book(i: number, start: number, finish: number): void {
    const intervals = this.m.uses[i]!.map((use) => {
      const list = useIntervals(this.m, i, use.resource, start, finish);
      this.profiles[use.resource]!.add(list, use.fit);
      this.bookedOn[use.resource]!.add(i);
      return list;
    });
    this.booked[i] = { start, finish, intervals };
  }

  private unbook(i: number): void {
    const b = this.booked[i];
    if (!b) return;
    this.m.uses[i]!.forEach((use, k) => {
      this.profiles[use.resource]!.add(b.intervals[k]!, -use.fit);
      this.bookedOn[use.resource]!.delete(i);
    });
    this.booked[i] = null;
  }

  private rebookIfMoved(i: number): void {
    const s = this.current.start[i]!;
    const f = this.current.finish[i]!;
    const b = this.booked[i];
    if (b && b.start === s && b.finish === f) return;
    this.unbook(i);
    this.book(i, s, f);
  }

  /**
   * Recomputes the plan with the current delays, then checks that every delayed task starts
   * where it was placed; where it does not (a link bound the pass could not mirror), the delay
   * is corrected by the difference and the plan recomputed, a few rounds at most. Bookings
   * follow the engine's dates in the end.
   */
  private recompute(): void {
    for (let round = 0; ; round++) {
      this.current = schedule(this.planWithDelays());
      this.dirty.fill(0);
      this.changed = false;
      let corrected = false;
      for (let j = 0; j < this.m.n; j++) {
        if (!this.booked[j]) continue;
        const s = this.current.start[j]!;
        const goal = this.target[j]!;
        if (round < CORRECTION_ROUNDS && Number.isFinite(goal) && s !== goal) {
          const delay = Math.max(0, this.delays[j]! + goal - s);
          if (delay !== this.delays[j]) {
            this.delays[j] = delay;
            corrected = true;
            continue;
          }
        }
        this.rebookIfMoved(j);
      }
      if (!corrected) return;
    }
  }
}
