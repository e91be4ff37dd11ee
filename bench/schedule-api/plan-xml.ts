import { outlineOf } from '../../src/domain/schedule/outline.js';
import type { ScheduleInput } from '../../src/domain/schedule/types.js';
import { writeMspdi } from '../../src/io/mspdi/index.js';
import { mspdiFromPlan } from '../../src/io/mspdi/mspdi-from-plan.js';
import { generateNetwork, type NetworkStats } from '../schedule/generate.js';

/** A generated plan as MS Project XML, ready for `POST …/schedule/import`. */
export type BenchPlan = {
  xml: string;
  stats: NetworkStats;
  input: ScheduleInput;
};

/** The schedule bench's generator at `size` tasks, written as MSPDI. */
export function benchPlan(size: number): BenchPlan {
  const { input, stats } = generateNetwork(size);
  const facts = outlineOf(input.tasks.map((t) => ({ id: t.id, parentId: t.parent ?? null })));
  const document = mspdiFromPlan({
    name: `Bench plan ${size}`,
    input,
    minutesPerDay: 480,
    computedStart: null,
    computedFinish: null,
    tasks: input.tasks.map((t, i) => ({
      uid: i + 1,
      name: t.name ?? `Task ${i}`,
      outlineLevel: facts.level[i]!,
      wbs: facts.wbs[i]!,
      summary: facts.summary[i] === 1,
      notes: '',
      priority: 500,
      fixedCost: 0,
      start: null,
      finish: null,
      earlyStart: null,
      earlyFinish: null,
      lateStart: null,
      lateFinish: null,
      totalSlackMinutes: null,
      freeSlackMinutes: null,
      critical: false,
      manualStart: null,
      manualFinish: null,
    })),
    calendarUids: new Map(input.calendars.map((c, i) => [c.id, i + 1])),
    resources: [],
    assignments: [],
    baselines: [],
  });
  return { xml: writeMspdi(document), stats, input };
}
