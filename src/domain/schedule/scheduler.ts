import { Arena, arenaBytes, resultBytes } from './arena.js';
import { scheduleIn } from './schedule.js';
import type { ScheduleInput, ScheduleResult } from './types.js';

/**
 * {@link schedule} for a long-lived recalculation (the app's schedule worker, which
 * recalculates a large plan on every edit): it keeps its working memory between calls
 * instead of asking the system for it afresh each time. A recalculation works in about 200
 * bytes per task; fresh memory costs a page fault per 4 KB touched and, outside V8's heap,
 * starts a garbage collection (at a million tasks these were a quarter of a call). Each
 * result still gets arrays of its own (one buffer of its own), so it stays valid after later
 * calls. The memory kept is the working memory of the last plan, which is dropped for one
 * four times smaller.
 *
 * @example
 * const scheduler = new Scheduler();
 * const first = scheduler.schedule(plan);
 * const again = scheduler.schedule(editedPlan); // reuses the working memory; `first` unchanged
 */
export class Scheduler {
  private scratch: Arena | null = null;

  schedule(input: ScheduleInput): ScheduleResult {
    const bytes = arenaBytes(input.tasks.length, input.links.length);
    const kept = this.scratch;
    if (kept === null || kept.capacity < bytes || kept.capacity > 4 * bytes) this.scratch = new Arena(bytes);
    else kept.reset();
    return scheduleIn(input, this.scratch!, new Arena(resultBytes(input.tasks.length)));
  }

  /** Lets the working memory go (the next call takes it afresh). */
  release(): void {
    this.scratch = null;
  }
}
