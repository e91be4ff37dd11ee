import { describe, expect, it } from 'vitest';
import { Arena, arenaBytes } from './arena.js';
import { STANDARD_WEEK } from './calendar-types.js';
import { parseLocalDateTime } from './local-time.js';
import { schedule, scheduleIn } from './schedule.js';
import type { ScheduleInput, ScheduleLink, ScheduleTask } from './types.js';

describe('arena', () => {
  it('hands out zeroed arrays that do not overlap, each aligned for its type', () => {
    const arena = new Arena(64);
    const bytes = arena.u8(3);
    const ints = arena.i32(3, -1);
    const floats = arena.f64(2, NaN);
    bytes.fill(255);
    expect([...ints]).toEqual([-1, -1, -1]);
    expect([...floats]).toEqual([NaN, NaN]);
    expect(ints.byteOffset % 4).toBe(0);
    expect(floats.byteOffset % 8).toBe(0);
    expect(floats.buffer).toBe(bytes.buffer);
    expect(arena.spilled).toBe(0);
  });

  it('allocates past its capacity on its own and counts the bytes', () => {
    const arena = new Arena(16);
    const inside = arena.f64(2);
    const outside = arena.f64(3, 7);
    expect(inside.buffer).not.toBe(outside.buffer);
    expect([...outside]).toEqual([7, 7, 7]);
    expect(arena.spilled).toBe(24);
  });
});

describe('an arena reset', () => {
  it('hands out the same memory again, zeroed', () => {
    const arena = new Arena(64);
    const before = arena.f64(4);
    before.fill(3);
    arena.reset();
    const after = arena.f64(4);
    expect(after.byteOffset).toBe(before.byteOffset);
    expect([...after]).toEqual([0, 0, 0, 0]);
    expect(arena.used).toBe(32);
  });
});

describe('a recalculation in an arena', () => {
  // A plan as large plans usually are: phases of packages of tasks in outline order, FS and
  // SS links to earlier tasks, some with lags, a few SNET dates.
  function typicalPlan(phases: number): ScheduleInput {
    const tasks: ScheduleTask[] = [];
    const links: ScheduleLink[] = [];
    const start = parseLocalDateTime('2026-01-05T08:00')!;
    for (let p = 0; p < phases; p++) {
      const phase = `P${p}`;
      tasks.push({ id: phase, durationMinutes: 0 });
      for (let w = 0; w < 4; w++) {
        const pkg = `${phase}.${w}`;
        tasks.push({ id: pkg, parent: phase, durationMinutes: 0 });
        for (let t = 0; t < 6; t++) {
          const id = `${pkg}.${t}`;
          tasks.push({ id, parent: pkg, durationMinutes: 480 * (1 + ((p + w + t) % 5)), ...(t === 2 && w === 1 ? { constraint: 'SNET' as const, constraintDate: start + 1440 * p } : {}) });
          if (t > 0) links.push({ predecessor: `${pkg}.${t - 1}`, successor: id, type: t % 3 === 0 ? 'SS' : 'FS', ...(t === 4 ? { lagMinutes: 240 } : {}) });
          if (t === 0 && w > 0) links.push({ predecessor: `${phase}.${w - 1}.5`, successor: id, type: 'FS' });
        }
      }
    }
    return { tasks, links, calendars: [{ id: 'std', week: STANDARD_WEEK }], projectCalendar: 'std', start };
  }

  it('fits a typical plan in the arena its size asks for, and gives the dates it gives without one', () => {
    const input = typicalPlan(40);
    const arena = new Arena(arenaBytes(input.tasks.length, input.links.length));
    const inArena = scheduleIn(input, arena);
    expect(arena.spilled).toBe(0);
    const alone = scheduleIn(input, new Arena(0));
    for (const k of ['start', 'finish', 'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'totalSlack', 'freeSlack', 'critical', 'drivingPredecessor'] as const) {
      expect([...inArena[k]]).toEqual([...alone[k]]);
    }
    expect(inArena.warnings).toEqual(alone.warnings);
    expect(schedule(input).earlyFinish).toEqual(inArena.earlyFinish);
  });
});
