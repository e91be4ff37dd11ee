import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../../domain/schedule/local-time.js';
import { schedule } from '../../domain/schedule/schedule.js';
import { readMspdi } from './read-mspdi.js';
import { scheduleInputFromMspdi } from './schedule-input.js';

const NS = 'http://schemas.microsoft.com/project';
const day = (type: number, times: [string, string][]): string =>
  times.length === 0
    ? `<WeekDay><DayType>${type}</DayType><DayWorking>0</DayWorking></WeekDay>`
    : `<WeekDay><DayType>${type}</DayType><DayWorking>1</DayWorking><WorkingTimes>${times.map(([f, t]) => `<WorkingTime><FromTime>${f}</FromTime><ToTime>${t}</ToTime></WorkingTime>`).join('')}</WorkingTimes></WeekDay>`;
const week = (times: [string, string][]): string => [1, 2, 3, 4, 5, 6, 7].map((d) => day(d, d === 1 || d === 7 ? [] : times)).join('');
const calendar = (uid: number, name: string, times: [string, string][]): string =>
  `<Calendar><UID>${uid}</UID><Name>${name}</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>${week(times)}</WeekDays></Calendar>`;
const task = (uid: number, hours: number, more = ''): string =>
  `<Task><UID>${uid}</UID><ID>${uid}</ID><Name>T${uid}</Name><OutlineLevel>1</OutlineLevel><Duration>PT${hours}H0M0S</Duration><DurationFormat>7</DurationFormat>${more}</Task>`;

/**
 * Project calendar Standard (1); Night (2) works 20:00–24:00 on weekdays. T1 (8 h) is Nora's,
 * who works nights; T2 (40 h) has no resource and ends the plan on Friday 9 January 17:00.
 */
const XML =
  `<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="${NS}"><StartDate>2026-01-05T08:00:00</StartDate><CalendarUID>1</CalendarUID>` +
  `<Calendars>${calendar(1, 'Standard', [['08:00:00', '12:00:00'], ['13:00:00', '17:00:00']])}${calendar(2, 'Night', [['20:00:00', '00:00:00']])}</Calendars>` +
  `<Tasks>${task(1, 8)}${task(2, 40)}</Tasks>` +
  '<Resources><Resource><UID>1</UID><ID>1</ID><Name>Nora</Name><Type>1</Type><CalendarUID>2</CalendarUID></Resource></Resources>' +
  '<Assignments><Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units><Work>PT8H0M0S</Work></Assignment></Assignments>' +
  '</Project>';

describe('scheduleInputFromMspdi: resource calendars', () => {
  it('puts a task without its own calendar on its resource’s calendar, keeping the task calendar for slack', () => {
    const { input } = scheduleInputFromMspdi(readMspdi(XML).document);
    expect(input.tasks[0]).toMatchObject({ id: '1', calendar: null, resourceCalendar: '2' });
    expect(input.tasks[1]).toMatchObject({ id: '2', calendar: null });
    expect(input.tasks[1]!.resourceCalendar).toBeUndefined();
  });

  it('schedules that task on nights and counts its slack in Standard days, as MS Project does', () => {
    const { input } = scheduleInputFromMspdi(readMspdi(XML).document);
    const plan = schedule(input);
    // T1: Mon 5 and Tue 6 nights, finishing Wed 7 00:00; latest: the Wed 7 and Thu 8 nights,
    // finishing Fri 9 00:00. Start slack Mon 17:00 → Wed 17:00 and finish slack Tue 17:00 →
    // Thu 17:00 (Standard counts): 2 days, 960 minutes (on the night calendar: 480).
    expect(formatLocalDateTime(plan.start[0]!)).toBe('2026-01-05T20:00:00');
    expect(formatLocalDateTime(plan.finish[0]!)).toBe('2026-01-07T00:00:00');
    expect(formatLocalDateTime(plan.lateFinish[0]!)).toBe('2026-01-09T00:00:00');
    expect(plan.totalSlack[0]).toBe(960);
  });

  it('works a task whose assignments are on two resource calendars on both at once, ending with the last', () => {
    // T3 (16 h): Sam (Standard) 8 h at 100 %, Nora (Night) 8 h at 50 % = 16 h of nights.
    const xml = XML.replace(`${task(2, 40)}`, `${task(2, 40)}${task(3, 16)}`)
      .replace('</Resources>', '<Resource><UID>2</UID><ID>2</ID><Name>Sam</Name><Type>1</Type><CalendarUID>1</CalendarUID></Resource></Resources>')
      .replace(
        '</Assignments>',
        '<Assignment><UID>2</UID><TaskUID>3</TaskUID><ResourceUID>2</ResourceUID><Units>1</Units><Work>PT8H0M0S</Work></Assignment>' +
          '<Assignment><UID>3</UID><TaskUID>3</TaskUID><ResourceUID>1</ResourceUID><Units>0.5</Units><Work>PT8H0M0S</Work></Assignment></Assignments>',
      );
    const { input, notes } = scheduleInputFromMspdi(readMspdi(xml).document);
    expect(input.tasks[2]).toMatchObject({ id: '3', calendar: null, resourceWork: [{ calendar: '1', minutes: 480 }, { calendar: '2', minutes: 960 }] });
    expect(notes.join('\n')).not.toMatch(/task 3: resources on/);
    const plan = schedule(input);
    // Sam: Mon 5 08:00–17:00. Nora: 16 h of 4-hour nights, Mon 5 to Thu 8, ending Fri 9 00:00.
    expect(formatLocalDateTime(plan.start[2]!)).toBe('2026-01-05T08:00:00');
    expect(formatLocalDateTime(plan.finish[2]!)).toBe('2026-01-09T00:00:00');
  });
});
