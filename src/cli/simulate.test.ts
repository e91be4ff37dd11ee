import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBand, simulateFile } from './simulate.js';

const dir = mkdtempSync(join(tmpdir(), 'pharos-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

// Standard calendar; Design (2 days), then Build (2 days) FS, under a summary "Phase" that Ship (1 day) follows.
const WEEK = [1, 2, 3, 4, 5, 6, 7]
  .map((day) =>
    day === 1 || day === 7
      ? `<WeekDay><DayType>${day}</DayType><DayWorking>0</DayWorking></WeekDay>`
      : `<WeekDay><DayType>${day}</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>` +
        '<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>',
  )
  .join('');
const xmlTask = (uid: number, name: string, hours: number, level: number, more = '') =>
  `<Task><UID>${uid}</UID><ID>${uid}</ID><Name>${name}</Name><OutlineLevel>${level}</OutlineLevel>${level === 1 && hours < 0 ? '<Summary>1</Summary>' : ''}<Duration>PT${Math.max(hours, 0)}H0M0S</Duration><DurationFormat>7</DurationFormat>${more}</Task>`;
const XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2026-01-05T08:00:00</StartDate><MinutesPerDay>480</MinutesPerDay><CalendarUID>1</CalendarUID>' +
  `<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>${WEEK}</WeekDays></Calendar></Calendars><Tasks>` +
  xmlTask(1, 'Phase', -1, 1) +
  xmlTask(2, 'Design', 16, 2) +
  xmlTask(3, 'Build', 16, 2, '<PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink>') +
  xmlTask(4, 'Ship', 8, 1, '<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink>') +
  '</Tasks></Project>';

describe('pharos simulate', () => {
  it('prints the finish percentiles and the criticality of each task with --json', async () => {
    const file = write('chain.json', JSON.stringify({ tasks: [{ id: 'A', dist: 'fixed', mode: 3 }, { id: 'B', dist: 'uniform', min: 1, max: 2, predecessors: ['A'] }, { id: 'C', dist: 'fixed', mode: 1, predecessors: ['A'] }] }));
    const out = JSON.parse(await simulateFile(file, { json: true, iterations: 1000, seed: 4, workers: 1 })) as { finish: Record<string, number>; criticality: Record<string, number> };
    expect(Object.keys(out)).toEqual(['finish', 'criticality']);
    expect(Object.keys(out.finish)).toEqual(['mean', 'p10', 'p50', 'p80', 'p90']);
    // 3 + U(1, 2): mean 4.5 within 4 standard errors (σ = 1/√12), P10 3 + 0.1, P90 3 + 0.9.
    expect(Math.abs(out.finish.mean! - 4.5)).toBeLessThan(4 / Math.sqrt(12 * 1000));
    expect(out.finish.p10).toBeCloseTo(4.1, 1);
    expect(out.finish.p90).toBeCloseTo(4.9, 1);
    // C (1 day) never beats B (at least 1 day): B is always critical, C only on a tie, which has probability 0.
    expect(out.criticality).toEqual({ A: 1, B: 1, C: 0 });
  });

  it('simulates an MS Project file with the uncertainty band, carrying a summary link down to its tasks', async () => {
    const file = write('plan.xml', XML);
    const exact = JSON.parse(await simulateFile(file, { json: true, iterations: 200, band: parseBand('100,100,100'), workers: 1 })) as { finish: Record<string, number>; criticality: Record<string, number> };
    expect(exact.finish).toEqual({ mean: 5, p10: 5, p50: 5, p80: 5, p90: 5 });
    expect(Object.keys(exact.criticality).sort()).toEqual(['2', '3', '4']);
    const spread = JSON.parse(await simulateFile(file, { json: true, iterations: 4000, band: parseBand('90,100,130'), workers: 1 })) as { finish: Record<string, number> };
    // Chain of 2 + 2 + 1 days, each triangular(0.9, 1, 1.3) × its length: mean 5 × 3.2 / 3.
    const sd = Math.sqrt(((0.81 + 1 + 1.69 - 0.9 - 1.17 - 1.3) / 18) * (4 + 4 + 1));
    expect(Math.abs(spread.finish.mean! - 16 / 3)).toBeLessThan((4 * sd) / Math.sqrt(4000));
  });

  it('prints a readable report with the deterministic finish, the target and the drivers', async () => {
    const file = write('risk.json', JSON.stringify({ tasks: [{ id: 'A', dist: 'triangular', min: 2, mode: 4, max: 9 }], risks: [{ id: 'R1', probability: 0.3, impacts: [{ task: 'A', min: 1, mode: 2, max: 4 }] }] }));
    const text = await simulateFile(file, { iterations: 2000, target: 6, workers: 1 });
    expect(text).toMatch(/^2000 iterations, seed 1, Latin hypercube sampling/);
    expect(text).toMatch(/deterministic 4\.0 d: met in \d+\.\d% of iterations; contingency at P80: \d+\.\d d; target 6\.0 d: met in \d+\.\d%/);
    expect(text).toMatch(/Drivers of the finish[^\n]*\n {2}A +task +\+0\.\d\d\n {2}R1 +risk +\+0\.\d\d/);
  });

  it('refuses a bad band', () => {
    expect(() => parseBand('130,100,90')).toThrow(/MIN ≤ MODE ≤ MAX/);
    expect(() => parseBand('90,100')).toThrow(/three percentages/);
  });
});
