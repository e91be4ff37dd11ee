import { dayRule } from '../../../../../src/domain/schedule/calendar-rules.js';
import { STANDARD_WEEK, type CalendarDefinition, type CalendarException } from '../../../../../src/domain/schedule/calendar-types.js';
import { formatLocalDateTime, parseLocalDateTime } from '../../../../../src/domain/schedule/local-time.js';
import { WorkingCalendar, type WorkClock } from '../../../../../src/domain/schedule/working-calendar.js';
import type { ScheduleTask, ScheduleView } from '../../../api/schedule';

/** Where a task would start and finish, and its working duration, if its dates were these. */
export type Preview = { start: string; finish: string; durationMinutes: number };

/**
 * The plan's calendars as working clocks, to preview a drag in the chart before the server
 * recalculates: the same domain calendar code the scheduler uses, so the tooltip's finish and
 * duration are the ones the grid will show.
 */
export function planClocks(view: Pick<ScheduleView, 'calendars' | 'plan'>): (task: ScheduleTask) => WorkClock {
  const definitions = new Map<string, CalendarDefinition>(
    view.calendars.map((c) => [
      c.id,
      {
        id: c.id,
        base: c.baseId,
        week: c.week.map((d) => d ?? undefined),
        workWeeks: c.workWeeks.map((w) => ({ ...w, week: w.week.map((d) => d ?? undefined) })),
        exceptions: c.exceptions as unknown as CalendarException[],
      },
    ]),
  );
  const around = Math.floor((parseLocalDateTime(view.plan.start) ?? 0) / 1440);
  const fallback = new WorkingCalendar('standard', dayRule(new Map([['standard', { id: 'standard', week: STANDARD_WEEK }]]), 'standard'), around);
  const clocks = new Map<string, WorkClock>();
  return (task) => {
    const id = task.calendarId ?? view.plan.calendarId;
    if (!id || !definitions.has(id)) return fallback;
    let clock = clocks.get(id);
    if (!clock) {
      try {
        clock = new WorkingCalendar(id, dayRule(definitions, id), around);
      } catch {
        clock = fallback;
      }
      clocks.set(id, clock);
    }
    return clock;
  };
}

/** The task moved to start no earlier than `start` (a plan date), keeping its working duration. */
export function previewMove(clock: WorkClock, task: ScheduleTask, start: string): Preview {
  const at = clock.work(parseLocalDateTime(start)!);
  const begins = task.durationMinutes === 0 ? clock.finishAt(at) : clock.startAt(at);
  return { start: formatLocalDateTime(begins), finish: formatLocalDateTime(clock.finishAt(at + task.durationMinutes)), durationMinutes: task.durationMinutes };
}

/** The task ending at `finish` (a plan date), its start staying: the working minutes between. */
export function previewFinish(clock: WorkClock, task: ScheduleTask, finish: string): Preview {
  const start = task.start!;
  const minutes = Math.max(0, clock.work(parseLocalDateTime(finish)!) - clock.work(parseLocalDateTime(start)!));
  return { start, finish: formatLocalDateTime(clock.finishAt(clock.work(parseLocalDateTime(start)!) + minutes)), durationMinutes: minutes };
}
