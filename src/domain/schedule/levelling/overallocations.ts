import type { ScheduleResult } from '../types.js';
import { type Model, useIntervals } from './model.js';
import { UNIT_SCALE } from './profile.js';
import type { OverallocationSpan } from './types.js';

type Event = { readonly t: number; readonly task: number; readonly units: number };

/**
 * Every stretch in which a resource is asked for more than its capacity by the tasks of a
 * computed plan, found by a sweep over each resource's bookings (no shared state with the
 * levelling pass, so it can check it). A task uses its resources in its working minutes
 * between its start and finish, within the resource's calendar. Neighbouring stretches with
 * the same tasks are merged, also across a break in which nothing used the resource (a night,
 * a lunch); spans are sorted by resource, then time.
 */
export function findOverallocations(m: Model, result: ScheduleResult): OverallocationSpan[] {
  const events: Event[][] = m.resources.map(() => []);
  for (let i = 0; i < m.n; i++) {
    const start = result.start[i]!;
    const finish = result.finish[i]!;
    if (!Number.isFinite(start) || !Number.isFinite(finish)) continue;
    for (const use of m.uses[i]!) {
      const intervals = useIntervals(m, i, use.resource, start, finish);
      const list = events[use.resource]!;
      for (let x = 0; x < intervals.length; x += 2) {
        list.push({ t: intervals[x]!, task: i, units: use.units }, { t: intervals[x + 1]!, task: i, units: -use.units });
      }
    }
  }
  const spans: OverallocationSpan[] = [];
  events.forEach((list, r) => {
    const resource = m.resources[r]!;
    const capacity = resource.capacity / UNIT_SCALE;
    list.sort((a, b) => a.t - b.t);
    const running = new Map<number, number>();
    let level = 0;
    let open: { from: number; units: number; tasks: string[]; key: string } | null = null;
    let lastKey = '';
    // A span resumes after a break (a night, a lunch) when nothing used the resource in between.
    let workedSince = true;
    for (let k = 0; k < list.length; ) {
      const t = list[k]!.t;
      for (; k < list.length && list[k]!.t === t; k++) {
        const e = list[k]!;
        level += e.units;
        const now = (running.get(e.task) ?? 0) + e.units;
        if (now === 0) running.delete(e.task);
        else running.set(e.task, now);
      }
      const over = level > resource.capacity;
      const tasks = over ? [...running.keys()].sort((a, b) => a - b).map((i) => m.ids[i]!) : [];
      const key = tasks.join('\u0000');
      if (open && (!over || key !== open.key)) {
        spans.push({ resource: resource.id, from: open.from, to: t, units: open.units / UNIT_SCALE, capacity, tasks: open.tasks });
        lastKey = open.key;
        open = null;
        workedSince = false;
      }
      if (over && !open) {
        const last = spans[spans.length - 1];
        if (last && last.resource === resource.id && !workedSince && lastKey === key) {
          spans.pop();
          open = { from: last.from, units: last.units * UNIT_SCALE, tasks, key };
        } else open = { from: t, units: level, tasks, key };
      }
      if (open) open.units = Math.max(open.units, level);
      else if (running.size) workedSince = true;
    }
  });
  return spans;
}
