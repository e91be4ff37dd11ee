import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockKernel } from './kernel.js';
import { midranks, pearson, rankDots, sparseMidranks, sparseRankCorrelation, variance } from './ranks.js';

/** A block's worth of a risk's effect: mostly 0, some negative (opportunities), some repeated values. */
const effect = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 2.5) }), { minLength: 2, maxLength: 300 });

const permutation = (c: number, seed: number) => {
  const p = Int32Array.from({ length: c }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = c - 1; i > 0; i--) {
    s = (s * 48271) % 2147483647;
    const j = s % (i + 1);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
};

describe('rank statistics of a block', () => {
  it('midranks share the mean rank among ties', () => {
    const out = new Float64Array(6);
    midranks(Float64Array.from([3, 1, 3, 0, 3, 1]), 6, new Float64Array(6), out);
    expect(Array.from(out)).toEqual([4, 1.5, 4, 0, 4, 1.5]);
  });

  it('ranks a mostly-zero variable as the full sort does, and says when every value is 0', () => {
    fc.assert(
      fc.property(effect, (values) => {
        const x = Float64Array.from(values);
        const c = x.length;
        const full = new Float64Array(c);
        const sparse = new Float64Array(c);
        midranks(x, c, new Float64Array(c), full);
        const any = sparseMidranks(x, c, new Float64Array(c), sparse);
        expect(any).toBe(values.some((v) => v !== 0));
        if (any) expect(sparse).toEqual(full);
      }),
    );
  });

  it('gives the Spearman correlation of a mostly-zero variable bit for bit as Pearson on the full midranks', () => {
    fc.assert(
      fc.property(effect, fc.integer(), (values, seed) => {
        const x = Float64Array.from(values);
        const c = x.length;
        const y = new Float64Array(c);
        midranks(Float64Array.from(permutation(c, seed), (v, i) => (i % 7 === 0 ? 0 : v)), c, new Float64Array(c), y); // midranks with some ties
        const yVar = variance(y, c);
        const ySum = y.reduce((s, v) => s + v, 0);
        const xr = new Float64Array(c);
        midranks(x, c, new Float64Array(c), xr);
        const expected = pearson(xr, y, c, yVar);
        expect(sparseRankCorrelation(x, c, y, ySum, yVar, new Float64Array(c), new Int32Array(c), new Float64Array(c))).toBe(expected);
      }),
    );
  });

  it('sums a permutation times two sets of midranks exactly as one running sum does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 400 }), fc.integer(), (c, seed) => {
        const rank = permutation(c, seed);
        const y = new Float64Array(c);
        const z = new Float64Array(c);
        midranks(Float64Array.from(permutation(c, seed + 1), (v) => v >> 1), c, new Float64Array(c), y);
        midranks(Float64Array.from(permutation(c, seed + 2)), c, new Float64Array(c), z);
        let sy = 0;
        let sz = 0;
        for (let i = 0; i < c; i++) {
          sy += rank[i]! * y[i]!;
          sz += rank[i]! * z[i]!;
        }
        const out = new Float64Array(2);
        rankDots(rank, 0, y, z, c, out);
        expect(Array.from(out)).toEqual([sy, sz]);
      }),
    );
  });

  it('sums in the WebAssembly kernel every task’s ranks times the finish’s and the cost’s midranks exactly as one running sum does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 251 }), fc.integer({ min: 1, max: 4 }), fc.integer(), (c, n, seed) => {
        const k = blockKernel(n, 251)!;
        expect(k).not.toBeNull();
        k.rank.fill(7); // lanes past c hold other rows' ranks
        for (let j = 0; j < n; j++) k.rank.set(permutation(c, seed + j), j * k.stride);
        const y = k.finishRank;
        const z = k.costRank;
        y.fill(0);
        z.fill(0);
        midranks(Float64Array.from(permutation(c, seed - 1), (v) => v >> 1), c, new Float64Array(c), y);
        midranks(Float64Array.from(permutation(c, seed - 2)), c, new Float64Array(c), z);
        k.rankSums(k.rank.byteOffset, k.stride * 4, n, y.byteOffset, z.byteOffset, k.dots.byteOffset, ((c + 3) & ~3) * 4);
        for (let j = 0; j < n; j++) {
          let sy = 0;
          let sz = 0;
          for (let i = 0; i < c; i++) {
            sy += k.rank[j * k.stride + i]! * y[i]!;
            sz += k.rank[j * k.stride + i]! * z[i]!;
          }
          expect([k.dots[2 * j], k.dots[2 * j + 1]]).toEqual([sy, sz]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
