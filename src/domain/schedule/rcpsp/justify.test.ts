import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criticalPath, fixedProfile } from './bounds.js';
import { createJustifier, justify } from './justify.js';
import { listByRule, ruleValues, sampleList } from './priority.js';
import { compileProblem } from './problem.js';
import { seededRandom } from './random.js';
import { createWorkspace, forwardDirection, serialPass } from './sgs.js';

const instance = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.record({
    durations: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }),
    demands: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2 * n, maxLength: 2 * n }),
    pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(2)), { maxLength: n }),
    seed: fc.integer(),
  }),
);

describe('justify', () => {
  it('never lengthens a schedule, and rewrites the list so that it decodes to the result', () => {
    fc.assert(
      fc.property(instance, ({ durations, demands, pairs, seed }) => {
        const arcs = { from: [] as number[], to: [] as number[], lag: [] as number[] };
        for (const [a, b, lag] of pairs) {
          if (a === b) continue;
          arcs.from.push(Math.min(a, b));
          arcs.to.push(Math.max(a, b));
          arcs.lag.push(lag);
        }
        const p = compileProblem({ durations, capacities: [3, 3], demands, arcs });
        const cpm = criticalPath(p);
        const template = fixedProfile(p);
        const ws = createWorkspace(p);
        const forward = forwardDirection(p, template);
        const jz = createJustifier(p, ws, forward, template);
        const list = new Int32Array(p.free.length);
        if (seed % 2 === 0) listByRule(p, ruleValues(p, cpm, 'lft'), list);
        else sampleList(p, ruleValues(p, cpm, 'mts'), seededRandom(seed), 1, list);
        const start = new Int32Array(p.n);
        const before = serialPass(p, forward, ws, list, list.length, start);
        justify(jz, list, start, before, 0, 3);
        expect(jz.makespan).toBeLessThanOrEqual(before);
        const again = new Int32Array(p.n);
        expect(serialPass(p, forward, ws, list, list.length, again)).toBe(jz.makespan);
        expect(Array.from(again)).toEqual(Array.from(start));
      }),
      { numRuns: 300 },
    );
  });
});
