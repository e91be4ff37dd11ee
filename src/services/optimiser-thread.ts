import { parentPort } from 'node:worker_threads';
import { PharosError } from '../domain/errors.js';
import { optimise } from '../domain/portfolio/optimise/optimise.js';
import type { OptimiseOptions, OptimiseResult, PortfolioModel } from '../domain/portfolio/optimise/types.js';

/**
 * The body of a portfolio optimiser worker (kept by `optimiser-pool.ts`): for each request,
 * optimises the model and posts the result. HiGHS loads once per thread, on the first request.
 */
export type OptimiseRequest = { id: number; model: PortfolioModel; options: OptimiseOptions };
export type OptimiseReply =
  | { id: number; kind: 'done'; result: OptimiseResult }
  | { id: number; kind: 'error'; pharos: boolean; code?: PharosError['code']; message: string; details?: PharosError['details'] };

const port = parentPort;
if (port) {
  port.on('message', (req: OptimiseRequest) => {
    optimise(req.model, req.options).then(
      (result) => port.postMessage({ id: req.id, kind: 'done', result } satisfies OptimiseReply),
      (e: unknown) =>
        port.postMessage(
          (e instanceof PharosError
            ? { id: req.id, kind: 'error', pharos: true, code: e.code, message: e.message, details: e.details }
            : { id: req.id, kind: 'error', pharos: false, message: e instanceof Error ? e.message : String(e) }) satisfies OptimiseReply,
        ),
    );
  });
}
