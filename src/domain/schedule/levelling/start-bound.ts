import { shift } from '../clocks.js';
import type { ScheduleInput, ScheduleResult } from '../types.js';
import { ELAPSED_CLOCK } from '../working-calendar.js';
import type { Model } from './model.js';
import type { Dependencies } from './order.js';

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
      const clock = link.lagElapsed ? ELAPSED_CLOCK : plan.tasks[t]!.calendar != null ? m.clocks[t]! : m.projectClock;
      const lag = link.lagPercent != null ? Math.round((link.lagPercent * m.duration[q]!) / 100) : Math.round(link.lagMinutes ?? 0);
      const at = shift(clock, link.type === 'FS' ? current.finish[q]! : current.start[q]!, lag);
      if (at > bound) bound = at;
    }
    const task = plan.tasks[t]!;
    if (t !== i && task.constraintDate != null && (task.constraint === 'SNET' || task.constraint === 'MSO')) bound = Math.max(bound, task.constraintDate);
  }
  return bound;
}
