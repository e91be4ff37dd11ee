import { parentPort } from 'node:worker_threads';
import { PharosError } from '../domain/errors.js';
import { schedule } from '../domain/schedule/schedule.js';
import type { ScheduleInput } from '../domain/schedule/types.js';

/**
 * The body of the schedule worker thread (started by `schedule-worker.ts`): runs the pure
 * engine on each plan it is sent and posts back the result, or the error as data. The
 * result's typed arrays are copied by the structured clone, not transferred: the engine may
 * keep buffers of its own between runs, and a copy of 10 arrays of n numbers costs far less
 * than the engine itself.
 */
export type WorkerRequest = { id: number; input: ScheduleInput };
export type WorkerError = { pharos: true; code: PharosError['code']; message: string; details: PharosError['details'] } | { pharos: false; message: string; stack?: string };
export type WorkerReply = { id: number; result: ReturnType<typeof schedule> } | { id: number; error: WorkerError };

const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = { id: req.id, result: schedule(req.input) };
    } catch (e) {
      const error: WorkerError =
        e instanceof PharosError
          ? { pharos: true, code: e.code, message: e.message, details: e.details }
          : { pharos: false, message: e instanceof Error ? e.message : String(e), ...(e instanceof Error && e.stack ? { stack: e.stack } : {}) };
      reply = { id: req.id, error };
    }
    port.postMessage(reply);
  });
}
