import { shift } from '../clocks.js';
import type { ScheduleInput, ScheduleLink, ScheduleResult } from '../types.js';
import { ELAPSED_CLOCK } from '../working-calendar.js';
import type { Model } from './model.js';
import type { Dependencies } from './order.js';

/**
 * Where link `link` puts its successor `s` (index) when its predecessor `q` starts at `start`
 * and finishes at `finish`: a start bound for FS and SS links, a finish bound for FF and SF,
 * the lag counted on the successor's calendar (the project's when it has none), or elapsed.
 */
export function linkBound(m: Model, plan: ScheduleInput, link: ScheduleLink, q: number, s: number, start: number, finish: number): number {
  const successor = plan.tasks[s]!;
  const clock = link.lagElapsed ? ELAPSED_CLOCK : successor.calendar != null || successor.resourceCalendar != null ? m.clocks[s]! : m.projectClock;
  const lag = link.lagPercent != null ? Math.round((link.lagPercent * m.duration[q]!) / 100) : Math.round(link.lagMinutes ?? 0);
  return shift(clock, link.type[0] === 'F' ? finish : start, lag);
}

/**
 * The start task `i`'s start-to links and outline parents allow in a computed plan, before
 * its levelling delay, constraint and snapping to working time: the moment the engine adds
 * `levelingDelayMinutes` to. A delay of `F − startBound` puts the task's start at the working
 * moment `F`. Mirrors the engine's forward pass (a parent passes down its own bound and its
 * SNET or MSO date); the levelling pass checks the engine's answer and corrects any gap.
 */
export function startBound(m: Model, plan: ScheduleInput, deps: Dependencies, current: ScheduleResult, i: number): number {
  const chain: number[] = [];
  for (let p = i; p >= 0; p = m.parent[p]!) chain.push(p);
  let bound = plan.start ?? current.projectStart;
  for (let x = chain.length - 1; x >= 0; x--) {
    const t = chain[x]!;
    for (const k of deps.startLinks[t]!) {
      const link = plan.links[k]!;
      const q = m.index.get(link.predecessor)!;
      const at = linkBound(m, plan, link, q, t, current.start[q]!, current.finish[q]!);
      if (at > bound) bound = at;
    }
    const task = plan.tasks[t]!;
    if (t !== i && task.constraintDate != null && (task.constraint === 'SNET' || task.constraint === 'MSO')) bound = Math.max(bound, task.constraintDate);
  }
  return bound;
}
