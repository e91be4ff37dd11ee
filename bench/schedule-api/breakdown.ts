import { performance } from 'node:perf_hooks';
import type { ProjectId } from '../../src/domain/ids.js';
import type { Db } from '../../src/services/context.js';
import { computePlan, loadPlanData, writeComputed } from '../../src/services/schedule-data.js';
import type { ScheduleTaskTable } from '../../src/store/schema.js';
import type { Store } from '../../src/store/database.js';
import { median } from './measure.js';

/** The naive write: one UPDATE per moved task (what `recalculate` did first). */
export async function writeRowByRow(trx: Db, moved: readonly ScheduleTaskTable[]): Promise<void> {
  for (const t of moved) {
    await trx
      .updateTable('scheduleTask')
      .set({
        start: t.start,
        finish: t.finish,
        earlyStart: t.earlyStart,
        earlyFinish: t.earlyFinish,
        lateStart: t.lateStart,
        lateFinish: t.lateFinish,
        totalSlackMinutes: t.totalSlackMinutes,
        freeSlackMinutes: t.freeSlackMinutes,
        critical: t.critical,
        drivingPredecessorId: t.drivingPredecessorId,
      })
      .where('id', '=', t.id)
      .execute();
  }
}

export type Breakdown = { loadMs: number; computeMs: number; moved: number; naiveWriteMs: number; batchedWriteMs: number };

class Rollback extends Error {}

/**
 * The pieces of one recalculation, timed apart inside transactions that are rolled back: load
 * the plan, run the engine after lengthening task `uid` by a day (in memory), and write what
 * moved, row by row and batched.
 */
export async function breakdown(store: Store, projectId: ProjectId, uid: number, rounds: number): Promise<Breakdown> {
  const load: number[] = [];
  const compute: number[] = [];
  const naive: number[] = [];
  const batched: number[] = [];
  let moved = 0;
  for (let r = 0; r < rounds; r++) {
    for (const write of [writeRowByRow, writeComputed]) {
      try {
        await store.db.transaction().execute(async (trx) => {
          let t0 = performance.now();
          const data = (await loadPlanData(trx, projectId))!;
          load.push(performance.now() - t0);
          data.tasks.find((t) => t.uid === uid)!.durationMinutes += 480;
          t0 = performance.now();
          const result = computePlan(data);
          compute.push(performance.now() - t0);
          moved = result.moved.length;
          t0 = performance.now();
          await write(trx, result.moved);
          (write === writeRowByRow ? naive : batched).push(performance.now() - t0);
          throw new Rollback();
        });
      } catch (e) {
        if (!(e instanceof Rollback)) throw e;
      }
    }
  }
  return { loadMs: median(load), computeMs: median(compute), moved, naiveWriteMs: median(naive), batchedWriteMs: median(batched) };
}
