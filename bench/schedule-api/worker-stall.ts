import { schedule } from '../../src/domain/schedule/schedule.js';
import { scheduleOffThread, stopScheduleWorker } from '../../src/services/schedule-worker.js';
import { generateNetwork } from '../schedule/generate.js';
import { fmt, median, withStallMeter } from './measure.js';

/**
 * `node --import tsx bench/schedule-api/worker-stall.ts [sizes]`: for generated plans, the
 * engine in this thread against the engine in the worker: wall time, and the longest stretch
 * the event loop was held (in the worker case, cloning the input out and the result back).
 * Medians of 7 runs after 3 warm-ups. This is what the worker threshold is chosen from.
 */
const sizes = (process.argv[2] ?? '500,1000,2000,5000,20000').split(',').map(Number);
console.log('| tasks | in-thread ms (= stall) | worker ms | worker stall ms |');
console.log('|---:|---:|---:|---:|');
for (const size of sizes) {
  const { input } = generateNetwork(size);
  const here: number[] = [];
  const there: number[] = [];
  const stall: number[] = [];
  for (let i = 0; i < 10; i++) {
    const a = await withStallMeter(() => Promise.resolve(schedule(input)));
    const b = await withStallMeter(() => scheduleOffThread(input, { workerThreshold: 0 }));
    if (i < 3) continue;
    here.push(a.stallMs);
    there.push(b.ms);
    stall.push(b.stallMs);
  }
  console.log(`| ${size.toLocaleString('en')} | ${fmt(median(here))} | ${fmt(median(there))} | ${fmt(median(stall))} |`);
}
await stopScheduleWorker();
