import { parentPort } from 'node:worker_threads';
import { PharosError } from '../domain/errors.js';
import { schedule } from '../domain/schedule/schedule.js';
import type { ScheduleInput } from '../domain/schedule/types.js';

/**
 * The body of the schedule worker thread (started by `schedule-worker.ts`): runs the pure
 * engine on each plan it is sent and posts back the result, or the error as data. The
 * result's arrays share one buffer with the engine's working arrays (see `arena.ts`): each is
 * copied out to a buffer of its own, which is transferred, so the reply carries only the
 * result (a copy of 10 arrays of n numbers costs far less than the engine itself).
 */
export type WorkerRequest = { id: number; input: ScheduleInput };
export type WorkerError = { pharos: true; code: PharosError['code']; message: string; details: PharosError['details'] } | { pharos: false; message: string; stack?: string };
export type WorkerReply = { id: number; result: ReturnType<typeof schedule> } | { id: number; error: WorkerError };

type Result = ReturnType<typeof schedule>;
const RESULT_ARRAYS = ['start', 'finish', 'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'totalSlack', 'freeSlack', 'critical', 'drivingPredecessor'] as const satisfies readonly (keyof Result)[];

/** The result with each array in a buffer of its own (the same array twice stays one copy). */
function standalone(r: Result): Result {
  const copies = new Map<unknown, unknown>();
  const own = <A extends { slice(): A }>(a: A): A => {
    if (!copies.has(a)) copies.set(a, a.slice());
    return copies.get(a) as A;
  };
  return { ...r, start: own(r.start), finish: own(r.finish), earlyStart: own(r.earlyStart), earlyFinish: own(r.earlyFinish), lateStart: own(r.lateStart), lateFinish: own(r.lateFinish), totalSlack: own(r.totalSlack), freeSlack: own(r.freeSlack), critical: own(r.critical), drivingPredecessor: own(r.drivingPredecessor) };
}

const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    let reply: WorkerReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const result = standalone(schedule(req.input));
      transfer = [...new Set(RESULT_ARRAYS.map((k) => result[k].buffer as ArrayBuffer))];
      reply = { id: req.id, result };
    } catch (e) {
      const error: WorkerError =
        e instanceof PharosError
          ? { pharos: true, code: e.code, message: e.message, details: e.details }
          : { pharos: false, message: e instanceof Error ? e.message : String(e), ...(e instanceof Error && e.stack ? { stack: e.stack } : {}) };
      reply = { id: req.id, error };
    }
    port.postMessage(reply, transfer);
  });
}
