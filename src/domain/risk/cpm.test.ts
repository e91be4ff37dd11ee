import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.js';
import { forwardBackward, forwardBackwardInKernel } from './cpm.js';
import { blockKernel } from './kernel.js';
import type { RiskLinkType, RiskModel } from './types.js';

/**
 * The CPM of one iteration written plainly, link by link: start at 0 and take the latest
 * start each predecessor allows; finish at the latest early finish; late finish at the
 * project's finish and take the earliest each successor allows. The same arithmetic as the
 * engine's, so its answers must agree to the bit whichever shortcuts the engine takes.
 */
function plainCpm(m: ReturnType<typeof compileModel>, dur: number[]): { finish: number; lateStart: number[]; critical: boolean[] } {
  const ef = new Array<number>(m.n).fill(0);
  let finish = 0;
  for (const j of m.order) {
    let es = 0;
    for (let k = m.predStart[j]!; k < m.predStart[j + 1]!; k++) {
      const p = m.predIdx[k]!;
      const lag = m.predLag[k]!;
      const v = [ef[p]! + lag, ef[p]! - dur[p]! + lag, ef[p]! + lag - dur[j]!, ef[p]! - dur[p]! + lag - dur[j]!][m.predType[k]!]!;
      if (v > es) es = v;
    }
    ef[j] = es + dur[j]!;
    if (ef[j]! > finish) finish = ef[j]!;
  }
  const ls = new Array<number>(m.n).fill(0);
  const critical = new Array<boolean>(m.n).fill(false);
  for (let o = m.n - 1; o >= 0; o--) {
    const j = m.order[o]!;
    let lf = finish;
    for (let k = m.succStart[j]!; k < m.succStart[j + 1]!; k++) {
      const s = m.succIdx[k]!;
      const lag = m.succLag[k]!;
      const v = [ls[s]! - lag, ls[s]! - lag + dur[j]!, ls[s]! + dur[s]! - lag, ls[s]! + dur[s]! - lag + dur[j]!][m.succType[k]!]!;
      if (v < lf) lf = v;
    }
    ls[j] = lf - dur[j]!;
    critical[j] = ls[j]! - (ef[j]! - dur[j]!) <= 1e-9 * (1 + finish);
  }
  return { finish, lateStart: ls, critical };
}

const TYPES: RiskLinkType[] = ['FS', 'SS', 'FF', 'SF'];

/** Networks of up to 14 tasks, each with up to 5 links to earlier tasks of any type, lags from −3 to 3 (mostly plain FS, the shape the fast paths take). */
const network = fc
  .array(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 9 }), fc.integer({ min: -3, max: 3 })), { maxLength: 5 }), { minLength: 1, maxLength: 14 })
  .map(
    (rows): RiskModel => ({
      tasks: rows.map((links, i) => ({
        id: `T${i}`,
        dist: 'triangular',
        min: 0,
        mode: 1,
        max: 4,
        links: i === 0 ? [] : links.map(([p, t, lag]) => ({ task: `T${p % i}`, type: t < 6 ? 'FS' : TYPES[t - 6]!, lag: t < 4 ? 0 : lag })),
      })),
    }),
  );

describe('CPM passes of a block', () => {
  it('give every iteration the finish, late starts and critical tasks of the plain link-by-link CPM, whatever the links', () => {
    fc.assert(
      fc.property(network, fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 14 * 7, maxLength: 14 * 7 }), (model, draws) => {
        const m = compileModel(model);
        const B = 7;
        const c = 5; // a last block shorter than B: rows keep their stride
        const dur = new Float64Array(m.n * B);
        for (let j = 0; j < m.n; j++) for (let i = 0; i < c; i++) dur[j * B + i] = i === 0 ? 1 : draws[j * 7 + i]!; // iteration 0: equal durations, many ties
        const times = new Float64Array(m.n * B);
        const fin = new Float64Array(B);
        const critical = new Float64Array(m.n);
        forwardBackward(m, B, c, dur, times, fin, critical);
        const counts = new Array<number>(m.n).fill(0);
        for (let i = 0; i < c; i++) {
          const plain = plainCpm(
            m,
            Array.from({ length: m.n }, (_, j) => dur[j * B + i]!),
          );
          expect(fin[i]).toBe(plain.finish);
          for (let j = 0; j < m.n; j++) {
            expect(times[j * B + i]).toBe(plain.lateStart[j]);
            if (plain.critical[j]) counts[j]!++;
          }
        }
        expect(Array.from(critical)).toEqual(counts);
      }),
      { numRuns: 300 },
    );
  });

  it('give in the WebAssembly kernel the same numbers as the plain CPM, for odd and even blocks, whatever the lanes past the block hold', () => {
    fc.assert(
      fc.property(network, fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 14 * 8, maxLength: 14 * 8 }), fc.integer({ min: 1, max: 7 }), (model, draws, c) => {
        const m = compileModel(model);
        const k = blockKernel(m.n, 7);
        expect(k).not.toBeNull(); // Node has WebAssembly SIMD: the kernel must run here
        const S = k!.stride;
        // Lanes past c hold what earlier blocks left (here: other draws), as they do in a run.
        for (let j = 0; j < m.n; j++) for (let i = 0; i < S; i++) k!.dur[j * S + i] = i === 0 ? 1 : draws[j * 8 + i]!;
        k!.times.fill(3.5);
        const fin = new Float64Array(c);
        const critical = new Float64Array(m.n);
        forwardBackwardInKernel(m, k!, c, fin, critical);
        const counts = new Array<number>(m.n).fill(0);
        for (let i = 0; i < c; i++) {
          const plain = plainCpm(
            m,
            Array.from({ length: m.n }, (_, j) => k!.dur[j * S + i]!),
          );
          expect(fin[i]).toBe(plain.finish);
          for (let j = 0; j < m.n; j++) {
            expect(k!.times[j * S + i]).toBe(plain.lateStart[j]);
            if (plain.critical[j]) counts[j]!++;
          }
        }
        expect(Array.from(critical)).toEqual(counts);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves plans too large for the kernel’s 32-bit offsets to the JavaScript rows (no kernel, no error)', () => {
    expect(blockKernel(2_000_000, 250)).toBeNull();
    expect(blockKernel(10, 250)).not.toBeNull();
  });
});
