import { performance } from 'node:perf_hooks';

/** Median of a list of numbers (the lower middle for an even count). */
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

/**
 * Longest gap between timer ticks while `work` runs: how long the event loop was held, so no
 * other request could be served. A 1 ms interval timer notes each late tick.
 */
export async function withStallMeter<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; stallMs: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > stall) stall = now - last;
    last = now;
  }, 1);
  const t0 = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - t0;
    const now = performance.now();
    if (now - last > stall) stall = now - last;
    return { value, ms, stallMs: stall };
  } finally {
    clearInterval(timer);
  }
}

export const fmt = (ms: number): string => (Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) : '—');
