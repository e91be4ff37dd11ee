import { parentPort } from 'node:worker_threads';
import { PharosError } from '../domain/errors.js';
import { schedule } from '../domain/schedule/schedule.js';
import type { ScheduleInput, ScheduleResult } from '../domain/schedule/types.js';

/**
 * The body of the schedule worker thread (started by `schedule-worker.ts`): runs the pure
 * engine on each plan it is sent and posts back the result, or the error as data. The engine
 * keeps its working memory between plans (large plans come back on every edit); each
 * result's arrays have buffers of their own, which are transferred, not copied.
 */
export type WorkerRequest = { id: number; input: ScheduleInput };
export type WorkerError = { pharos: true; code: PharosError['code']; message: string; details: PharosError['details'] } | { pharos: false; message: string; stack?: string };
export type WorkerReply = { id: number; result: ScheduleResult } | { id: number; error: WorkerError };

const RESULT_ARRAYS = ['start', 'finish', 'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'totalSlack', 'freeSlack', 'critical', 'drivingPredecessor'] as const satisfies readonly (keyof ScheduleResult)[];

const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    let reply: WorkerReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const result = schedule(req.input);
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
