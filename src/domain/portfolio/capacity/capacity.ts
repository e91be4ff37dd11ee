import type { CalendarDate } from '../../calendar-date.js';
import { monthsBetween, weekdaysInMonth, weekdaysWithin, type Month } from './months.js';

/** From `from` on, the role has this many full-time equivalents not tied to a named person (contractors, a team's standing size). */
export type FteStep = { from: Month; fte: number };

/** A named person in a role. */
export type CapacityPerson = {
  id: string;
  /** Share of a full-time week the person works (1 = full time, 0.6 = three days). */
  fte: number;
  /** Share of their time going to work that is not project work (support, line management), 0–1. */
  nonProjectShare: number;
  /** First and last month in the role; null means open-ended. */
  fromMonth: Month | null;
  toMonth: Month | null;
  /** Days away (holiday, training, leave), both ends included; weekends inside do not count. */
  absences: readonly { from: CalendarDate; to: CalendarDate }[];
};

export type RoleCapacityInput = {
  /** Hours one full-time equivalent gives in a month of 21.67 weekdays (the organisation's standard, e.g. 140). */
  hoursPerFteMonth: number;
  /** The unnamed capacity over time; before the first step it is 0. */
  fteSteps: readonly FteStep[];
  people: readonly CapacityPerson[];
};

/** One month of a role: what it can give projects, and where that comes from. */
export type RoleMonth = {
  month: Month;
  /** Project hours available: unnamed FTEs plus each person's FTE, less absences and non-project work. */
  hours: number;
  /** Full-time equivalents counted (unnamed + named), before absences and non-project work. */
  fte: number;
  /** Hours the absences took away. */
  absenceHours: number;
  /** Hours the non-project work took away. */
  nonProjectHours: number;
};

/** The standard year's weekdays per month (52.14 weeks × 5 ÷ 12): the base the hours per FTE month are set on. */
export const STANDARD_WEEKDAYS_PER_MONTH = (365.25 / 7) * 5 / 12;

/** The unnamed FTE in force in a month: the last step starting on or before it. */
export function fteIn(steps: readonly FteStep[], month: Month): number {
  let fte = 0;
  let from = '';
  for (const s of steps) {
    if (s.from <= month && s.from >= from) {
      fte = s.fte;
      from = s.from;
    }
  }
  return fte;
}

/**
 * A role's project capacity, month by month. A month's hours per FTE follow its weekdays
 * (`hoursPerFteMonth × weekdays ÷ 21.74`), so February gives less than March. Each named
 * person gives their FTE share of that while in the role, less their absences (weekdays away ×
 * the hours of one of their days) and then less their non-project share of what is left.
 *
 * @example
 * // one full-time person, 140 h per FTE month, away 5 weekdays in a month of 22 weekdays
 * // month hours 140 × 22 / 21.74 = 141.7; a day is 6.44 h; absences 32.2 h; capacity 109.5 h
 */
export function roleCapacity(input: RoleCapacityInput, from: Month, to: Month): RoleMonth[] {
  return monthsBetween(from, to).map((month) => {
    const weekdays = weekdaysInMonth(month);
    const perFte = (input.hoursPerFteMonth * weekdays) / STANDARD_WEEKDAYS_PER_MONTH;
    const unnamed = fteIn(input.fteSteps, month);
    let hours = unnamed * perFte;
    let fte = unnamed;
    let absenceHours = 0;
    let nonProjectHours = 0;
    for (const p of input.people) {
      if ((p.fromMonth !== null && month < p.fromMonth) || (p.toMonth !== null && month > p.toMonth)) continue;
      const full = p.fte * perFte;
      const dayHours = weekdays > 0 ? full / weekdays : 0;
      let away = 0;
      for (const a of p.absences) away += weekdaysWithin(a.from, a.to, month);
      const absent = Math.min(full, away * dayHours);
      const present = full - absent;
      const nonProject = present * Math.min(1, Math.max(0, p.nonProjectShare));
      fte += p.fte;
      absenceHours += absent;
      nonProjectHours += nonProject;
      hours += present - nonProject;
    }
    return { month, hours, fte, absenceHours, nonProjectHours };
  });
}
