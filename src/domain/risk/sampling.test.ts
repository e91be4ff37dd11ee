import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantiles, toDist } from './distributions.js';
import { fillUniforms, streamSeed } from './prng.js';
import { blockKernel } from './kernel.js';
import { drawRanks, drawStrata } from './sampling.js';
import type { Estimate } from './types.js';

const ESTIMATES: Estimate[] = [
  { dist: 'triangular', min: 2, mode: 4, max: 9 },
  { dist: 'triangular', min: 0, mode: 0, max: 3 },
  { dist: 'triangular', min: 1, mode: 5, max: 5 },
  { dist: 'pert', min: 1, mode: 3, max: 8 },
  { dist: 'uniform', min: 1, max: 2 },
  { dist: 'discrete', values: [2, 5], weights: [3, 1] },
];

describe('sampling a variable of a block', () => {
  it('ranks are the Fisher–Yates permutation of the stream’s first uniforms', () => {
    const c = 97;
    const u = new Float64Array(c);
    fillUniforms(streamSeed(5, 3, 11), u, c);
    const expected = Array.from({ length: c }, (_, i) => i);
    for (let i = c - 1; i > 0; i--) {
      const j = Math.floor(u[i]! * (i + 1));
      [expected[i], expected[j]] = [expected[j]!, expected[i]!];
    }
    const rank = new Int32Array(c + 4);
    drawRanks(5, 3, 11, c, rank, 4);
    expect(Array.from(rank.subarray(4))).toEqual(expected);
  });

  for (const sampling of ['lhs', 'random'] as const) {
    it(`${sampling}: each stratum's value is the inverse CDF (as quantiles() computes it) at the stream's next uniform (${sampling === 'lhs' ? 'one per stratum' : 'sorted'}), for every kind of distribution`, () => {
      const c = 250;
      for (const e of ESTIMATES) {
        const d = toDist(e);
        const rank = new Int32Array(c);
        const state = drawRanks(9, 0, 2, c, rank, 0);
        const u = new Float64Array(2 * c);
        fillUniforms(streamSeed(9, 0, 2), u, 2 * c);
        const points = Array.from(u.subarray(c), (x, k) => (sampling === 'lhs' ? (k + x) / c : x));
        if (sampling === 'random') points.sort((a, b) => a - b);
        const q = new Float64Array(c);
        drawStrata(state, sampling, c, d, q);
        const expected = new Float64Array(c);
        quantiles(d, Float64Array.from(points), expected, 0, c);
        expect(q).toEqual(expected);
        if (sampling === 'lhs') for (let k = 0; k < c; k++) expect(points[k]! * c).toBeGreaterThanOrEqual(k);
      }
    });
  }

  it('the WebAssembly kernel gives a triangular variable the strata drawStrata gives, and gathers them by rank (adding the cost by the day) as the JavaScript loop does', () => {
    const k = blockKernel(2, 251)!;
    expect(k).not.toBeNull(); // Node has WebAssembly SIMD: the kernel must run here
    const three = fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1e-6, max: 60, noNaN: true }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 251 }), fc.integer(), three, fc.constantFrom(0, 1, 0.5), fc.double({ min: -5, max: 5, noNaN: true }), (c, seed, [min, at, width], snap, rate) => {
        // Modes anywhere, at min and at max (snap 0 or 1 of the time: the edge cases of fm).
        const max = min + width;
        const mode = at < 0.2 ? min + snap * width : min + at * width;
        const d = toDist({ dist: 'triangular', min, mode, max });
        const state = streamSeed(seed, 3, 7);
        const q = new Float64Array(c);
        drawStrata(state, 'lhs', c, d, q);
        const r = max - min;
        k.triangular(k.q.byteOffset, state, ((c + 3) >> 2) * 32, c, min, max, (mode - min) / r, r * (mode - min), r * (max - mode));
        expect(k.q.subarray(0, c)).toEqual(q);
        const rank = k.rank.subarray(k.stride, k.stride + c); // the second task's row
        drawRanks(seed, 3, 7, c, rank, 0);
        k.cost.fill(0.25);
        k.gather[1](rank.byteOffset, k.q.byteOffset, k.dur.byteOffset + k.stride * 8, k.cost.byteOffset, rate, c * 4);
        for (let i = 0; i < c; i++) {
          expect(k.dur[k.stride + i]).toBe(q[rank[i]!]);
          expect(k.cost[i]).toBe(0.25 + rate * q[rank[i]!]!);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the WebAssembly kernel draws the ranks drawRanks draws and returns the same state, at any offset and block size', () => {
    const k = blockKernel(3, 251)!;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 251 }), fc.integer(), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 2 }), (c, seed, block, v, row) => {
        const expected = new Int32Array(c);
        const state = drawRanks(seed, block, v, c, expected, 0);
        k.rank.fill(-1);
        expect(k.drawRanks(seed, block, v, c, k.rank, row * k.stride)).toBe(state);
        expect(k.rank.subarray(row * k.stride, row * k.stride + c)).toEqual(expected);
        // Nothing written outside the row's c entries.
        expect(k.rank.filter((x) => x === -1).length).toBe(k.rank.length - c);
      }),
      { numRuns: 300 },
    );
  });
});
