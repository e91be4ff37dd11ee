import { finishFrom, finishOnBound, snapFinish, snapStart, startFrom } from './clocks.js';
import type { LocalMinute } from './local-time.js';
import type { PlanArrays } from './plan-arrays.js';

// A task that works on several calendars at once (MS Project: assignments on resources with
// different calendars). Each part runs its minutes on its own calendar from the task's start;
// the task starts with its earliest part and finishes with its last. These are the
// single-calendar `snapStart`, `finishFrom`, `startFrom` and `snapFinish` for such a task
// (task index `i`, whose parts are `a.partStart[i] … a.partStart[i + 1]`).

/**
 * The task's start when nothing lets it start before `t`: the earliest moment one of its
 * parts can start working.
 *
 * @example
 * // Parts on Standard (08:00–17:00) and Night (23:00–08:00), bound Tuesday 08:00: Tuesday 08:00.
 */
export function partsStart(a: PlanArrays, i: number, t: LocalMinute): LocalMinute {
  let best = Infinity;
  for (let k = a.partStart![i]!; k < a.partStart![i + 1]!; k++) {
    const s = snapStart(a.clocks[a.partClock[k]!]!, t, a.partMinutes[k]!);
    if (s < best) best = s;
  }
  return best;
}

/**
 * The task's finish when it starts at `start`: each part starts at its calendar's first
 * working moment from `start` and the task finishes with the last one.
 *
 * @example
 * // 400 h on Standard and 400 h on Night from Tue 2003-01-07 08:00: the night part ends
 * // last, Tue 2003-03-18 08:00 (corpus sample.xml, task 2).
 */
export function partsFinish(a: PlanArrays, i: number, start: LocalMinute): LocalMinute {
  if (!Number.isFinite(start)) return start;
  let best = -Infinity;
  for (let k = a.partStart![i]!; k < a.partStart![i + 1]!; k++) {
    const c = a.clocks[a.partClock[k]!]!;
    const m = a.partMinutes[k]!;
    const f = finishFrom(c, snapStart(c, start, m), m);
    if (f > best) best = f;
  }
  return best;
}

/**
 * The latest start that finishes the task by `finish`: the earliest of its parts' latest
 * starts. With `onBound`, `finish` is a finish bound (FF or SF link, FNET date) that each part
 * may finish on when it is working time or its edge ({@link finishOnBound}); otherwise each
 * part finishes at its calendar's last working moment by `finish`.
 */
export function partsStartBy(a: PlanArrays, i: number, finish: LocalMinute, onBound: boolean): LocalMinute {
  if (!Number.isFinite(finish)) return finish;
  let best = Infinity;
  for (let k = a.partStart![i]!; k < a.partStart![i + 1]!; k++) {
    const c = a.clocks[a.partClock[k]!]!;
    const m = a.partMinutes[k]!;
    const s = startFrom(c, onBound ? finishOnBound(c, finish) : snapFinish(c, finish, m), m);
    if (s < best) best = s;
  }
  return best;
}

/** The task's late finish by `t`: the last moment one of its parts can finish working. */
export function partsFinishBy(a: PlanArrays, i: number, t: LocalMinute): LocalMinute {
  let best = -Infinity;
  for (let k = a.partStart![i]!; k < a.partStart![i + 1]!; k++) {
    const f = snapFinish(a.clocks[a.partClock[k]!]!, t, a.partMinutes[k]!);
    if (f > best) best = f;
  }
  return best;
}
