import { parentPort } from 'node:worker_threads';
import { PharosError } from '../domain/errors.js';
import type { CompiledModel } from '../domain/risk/compile.js';
import { runBlocks, type ChunkResult } from '../domain/risk/simulate.js';
import type { SimulationOptions } from '../domain/risk/types.js';

/**
 * The body of a risk simulation worker (kept by `risk-simulation-pool.ts`): for each request,
 * runs the blocks [fromBlock, toBlock) of one run, posting a progress message after each block and
 * the chunk at the end, its typed arrays transferred rather than copied. The model comes
 * compiled (checked, index-based typed arrays): the pool compiled it to check it, and copying
 * typed arrays costs a fraction of copying the model's objects and compiling them again.
 */
export type SimulationRequest = { id: number; model: CompiledModel; options: SimulationOptions; fromBlock: number; toBlock: number };
export type SimulationReply =
  | { id: number; kind: 'progress'; blocks: number }
  | { id: number; kind: 'done'; chunk: ChunkResult }
  | { id: number; kind: 'error'; pharos: boolean; code?: PharosError['code']; message: string; details?: PharosError['details'] };

const port = parentPort;
if (port) {
  port.on('message', (req: SimulationRequest) => {
    try {
      const chunk = runBlocks(req.model, req.options, req.fromBlock, req.toBlock, (blocks) => port.postMessage({ id: req.id, kind: 'progress', blocks } satisfies SimulationReply));
      const buffers = [chunk.finish, chunk.cost, chunk.critical, chunk.taskFinishRho, chunk.taskCostRho, chunk.riskFinishRho, chunk.riskCostRho, chunk.occurred].map((a) => a.buffer as ArrayBuffer);
      port.postMessage({ id: req.id, kind: 'done', chunk } satisfies SimulationReply, buffers);
    } catch (e) {
      port.postMessage(
        (e instanceof PharosError
          ? { id: req.id, kind: 'error', pharos: true, code: e.code, message: e.message, details: e.details }
          : { id: req.id, kind: 'error', pharos: false, message: e instanceof Error ? e.message : String(e) }) satisfies SimulationReply,
      );
    }
  });
}
