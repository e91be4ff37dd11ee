import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSISTENCY_LIMIT, pairwiseWeights } from './ahp.js';
import { projectAlignment } from './alignment.js';
import { validateModel, validateValues, type Criterion, type PairwiseComparison } from './criteria.js';
import { explainGap, scoreProjects } from './score.js';
import { modelWeights } from './weights.js';

const criterion = (id: string, over: Partial<Criterion> = {}): Criterion => ({
  id,
  name: id.toUpperCase(),
  description: '',
  unit: '',
  min: 0,
  max: 10,
  direction: 'higher-is-better',
  weight: 1,
  source: 'entered',
  ...over,
});

describe('AHP weights from pairwise comparisons', () => {
  it("matches the closed form on Saaty's 3×3 example (λmax = 1 + r^⅓ + r^-⅓ with r = a12·a23/a13)", () => {
    const result = pairwiseWeights(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      [
        { a: 'a', b: 'b', value: 3 },
        { a: 'a', b: 'c', value: 5 },
        { a: 'b', b: 'c', value: 3 },
      ],
    );
    const r = (3 * 3) / 5;
    const lambda = 1 + Math.cbrt(r) + 1 / Math.cbrt(r);
    expect(result.lambdaMax).toBeCloseTo(lambda, 10);
    expect(result.consistencyIndex).toBeCloseTo((lambda - 3) / 2, 10);
    expect(result.consistencyRatio).toBeCloseTo((lambda - 3) / 2 / 0.58, 10);
    expect(result.weights[0]).toBeCloseTo(0.637, 3);
    expect(result.weights[1]).toBeCloseTo(0.258, 3);
    expect(result.weights[2]).toBeCloseTo(0.105, 3);
    expect(result.missing).toEqual([]);
  });

  it('recovers the weights exactly from a perfectly consistent matrix, with a consistency ratio of 0', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.2, max: 1.8, noNaN: true }), { minLength: 1, maxLength: 9 }), (raw) => {
        const criteria = raw.map((_, i) => ({ id: `c${i}` }));
        const comparisons: PairwiseComparison[] = [];
        for (let i = 0; i < raw.length; i++) for (let j = i + 1; j < raw.length; j++) comparisons.push({ a: `c${i}`, b: `c${j}`, value: raw[i]! / raw[j]! });
        const { weights, consistencyRatio } = pairwiseWeights(criteria, comparisons);
        const total = raw.reduce((s, x) => s + x, 0);
        weights.forEach((w, i) => expect(w).toBeCloseTo(raw[i]! / total, 9));
        expect(consistencyRatio).toBeLessThan(1e-9);
      }),
    );
  });

  it('gives positive weights summing to 1 for any comparisons on the 1/9 … 9 scale', () => {
    const value = fc.constantFrom(1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(fc.constant(n), fc.array(value, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }))), ([n, values]) => {
        const criteria = Array.from({ length: n }, (_, i) => ({ id: `c${i}` }));
        const comparisons: PairwiseComparison[] = [];
        let k = 0;
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) comparisons.push({ a: `c${i}`, b: `c${j}`, value: values[k++]! });
        const { weights, lambdaMax, consistencyRatio } = pairwiseWeights(criteria, comparisons);
        expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
        for (const w of weights) expect(w).toBeGreaterThan(0);
        expect(lambdaMax).toBeGreaterThanOrEqual(n - 1e-9);
        expect(consistencyRatio).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('warns (does not refuse) when the comparisons contradict each other, and lists pairs not compared', () => {
    const criteria = [criterion('a'), criterion('b'), criterion('c'), criterion('d')];
    const cyclic = modelWeights({
      criteria,
      weighting: 'pairwise',
      pairwise: [
        { a: 'a', b: 'b', value: 9 },
        { a: 'b', b: 'c', value: 9 },
        { a: 'c', b: 'a', value: 9 },
      ],
    });
    expect(cyclic.consistency?.consistencyRatio).toBeGreaterThan(CONSISTENCY_LIMIT);
    expect(cyclic.warnings[0]).toMatch(/inconsistent: consistency ratio \d+\.\d\d is above 0\.1/);
    expect(cyclic.consistency?.missing).toEqual([
      { a: 'a', b: 'd' },
      { a: 'b', b: 'd' },
      { a: 'c', b: 'd' },
    ]);
    expect(cyclic.warnings[1]).toBe('3 pairs are not compared yet and count as equally important: A / D, B / D, C / D.');
  });
});

describe('scoring model validation', () => {
  it('refuses weights that do not sum to a positive number, naming the field', () => {
    expect(validateModel({ criteria: [criterion('a', { weight: 0 }), criterion('b', { weight: 0 })], weighting: 'direct', pairwise: [] })).toEqual([
      { field: 'criteria', reason: 'the weights must sum to a positive number' },
    ]);
  });

  it('accepts zero direct weights when the weights come from pairwise comparisons', () => {
    expect(validateModel({ criteria: [criterion('a', { weight: 0 })], weighting: 'pairwise', pairwise: [] })).toEqual([]);
  });

  it('names each bad field: duplicate ids, an empty scale, a negative weight, comparisons off the scale or of unknown criteria', () => {
    const issues = validateModel({
      criteria: [criterion('npv'), criterion('npv', { min: 5, max: 5 }), criterion('risk', { weight: -1 }), criterion('Bad id')],
      weighting: 'direct',
      pairwise: [
        { a: 'npv', b: 'risk', value: 12 },
        { a: 'npv', b: 'ghost', value: 2 },
        { a: 'risk', b: 'npv', value: 2 },
      ],
    });
    expect(issues).toEqual([
      { field: 'criteria.1.id', reason: '"npv" is used by another criterion' },
      { field: 'criteria.1.max', reason: 'must be above the minimum (5)' },
      { field: 'criteria.2.weight', reason: 'must be a number ≥ 0' },
      { field: 'criteria.3.id', reason: 'must be 1–40 lower-case letters, digits or hyphens, starting with a letter' },
      { field: 'pairwise.0.value', reason: 'must be on the scale 1/9 … 9 (how many times as important a is as b)' },
      { field: 'pairwise.1.b', reason: '"ghost" is not a criterion of this model' },
      { field: 'pairwise.2', reason: '"risk" and "npv" are compared twice' },
    ]);
  });

  it('holds strategic alignment to one criterion on 0–100, higher is better', () => {
    const issues = validateModel({
      criteria: [criterion('fit', { source: 'alignment', max: 100 }), criterion('fit2', { source: 'alignment', max: 10 })],
      weighting: 'direct',
      pairwise: [],
    });
    expect(issues.map((i) => i.field)).toEqual(['criteria.1.source', 'criteria.1.source']);
  });

  it('refuses entered values off the scale, for unknown or computed criteria', () => {
    const criteria = [criterion('npv', { unit: '£m' }), criterion('fit', { source: 'alignment', max: 100 })];
    expect(validateValues(criteria, { npv: 11, fit: 50, ghost: 1 })).toEqual([
      { field: 'values.npv', reason: "11 is above the scale's maximum (10 £m)" },
      { field: 'values.fit', reason: 'is computed from strategic alignment and cannot be entered' },
      { field: 'values.ghost', reason: 'is not a criterion of this model' },
    ]);
    expect(validateValues(criteria, { npv: null })).toEqual([]);
  });
});

describe('project scores and ranking', () => {
  const criteria = [criterion('value'), criterion('risk', { direction: 'lower-is-better', min: 1, max: 5 })];

  it('adds weight × normalised value × 100 per criterion, lower-is-better reversed (worked by hand)', () => {
    // value 8/10 → 0.8 × 0.75 × 100 = 60; risk 2 on 1–5 → 1 − 0.25 = 0.75 × 0.25 × 100 = 18.75
    const [a] = scoreProjects(criteria, [0.75, 0.25], [{ projectId: 'A', values: { value: 8, risk: 2 } }]);
    expect(a!.score).toBeCloseTo(78.75, 10);
    expect(a!.parts[0]!.points).toBeCloseTo(60, 10);
    expect(a!.parts[1]!.points).toBeCloseTo(18.75, 10);
    expect(a!.completeness).toBe(1);
  });

  it('counts a missing value as nothing and reports the share of the weight that is scored', () => {
    const [a] = scoreProjects(criteria, [0.75, 0.25], [{ projectId: 'A', values: { value: 10 } }]);
    expect(a!.score).toBe(75);
    expect(a!.completeness).toBe(0.75);
    expect(a!.parts[1]).toEqual({ criterionId: 'risk', value: null, normalised: 0, weight: 0.25, points: 0 });
  });

  it('ranks by score, equal scores sharing a rank in the order given', () => {
    const ranked = scoreProjects(criteria, [0.5, 0.5], [
      { projectId: 'low', values: { value: 0, risk: 5 } },
      { projectId: 'tie1', values: { value: 5, risk: 3 } },
      { projectId: 'top', values: { value: 10, risk: 1 } },
      { projectId: 'tie2', values: { value: 5, risk: 3 } },
    ]);
    expect(ranked.map((r) => [r.projectId, r.rank])).toEqual([
      ['top', 1],
      ['tie1', 2],
      ['tie2', 2],
      ['low', 4],
    ]);
  });

  it('explains a gap criterion by criterion, largest effect first, the parts summing to the gap', () => {
    const [a, b] = scoreProjects(criteria, [0.75, 0.25], [
      { projectId: 'A', values: { value: 9, risk: 4 } },
      { projectId: 'B', values: { value: 5, risk: 1 } },
    ]);
    const gap = explainGap(a!, b!);
    expect(gap.above).toBe('A');
    expect(gap.parts.map((p) => p.criterionId)).toEqual(['value', 'risk']);
    expect(gap.parts[0]!.points).toBeCloseTo(30, 10);
    expect(gap.parts[1]!.points).toBeCloseTo(-18.75, 10);
    expect(gap.points).toBeCloseTo(11.25, 10);
  });

  const valuesArb = fc.record({ value: fc.double({ min: 0, max: 10, noNaN: true }), risk: fc.double({ min: 1, max: 5, noNaN: true }) });

  it('keeps every score within 0–100 with a breakdown that sums to it, and gaps that sum to the difference', () => {
    fc.assert(
      fc.property(fc.array(valuesArb, { minLength: 2, maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (rows, w) => {
        const ranked = scoreProjects(criteria, [w, 1 - w], rows.map((values, i) => ({ projectId: `P${i}`, values })));
        for (const r of ranked) {
          expect(r.score).toBeGreaterThanOrEqual(-1e-9);
          expect(r.score).toBeLessThanOrEqual(100 + 1e-9);
          expect(r.parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(r.score, 9);
        }
        for (let i = 1; i < ranked.length; i++) {
          expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
          const gap = explainGap(ranked[i - 1]!, ranked[i]!);
          expect(gap.parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(gap.points, 9);
        }
      }),
    );
  });

  it('never lowers a score when a higher-is-better value rises or a lower-is-better value falls', () => {
    fc.assert(
      fc.property(valuesArb, fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), (v, up, down) => {
        const score = (values: { value: number; risk: number }) => scoreProjects(criteria, [0.6, 0.4], [{ projectId: 'P', values }])[0]!.score;
        const base = score(v);
        expect(score({ ...v, value: Math.min(10, v.value + up) })).toBeGreaterThanOrEqual(base - 1e-9);
        expect(score({ ...v, risk: Math.max(1, v.risk - down) })).toBeGreaterThanOrEqual(base - 1e-9);
      }),
    );
  });
});

describe('strategic alignment from weighted objectives', () => {
  const objectives = [
    { id: 'growth', parentId: null, weight: 3 },
    { id: 'cost', parentId: null, weight: 1 },
    { id: 'new-markets', parentId: 'growth', weight: 1 },
    { id: 'retention', parentId: 'growth', weight: 1 },
  ];

  it('scores 100 for serving the heaviest objective fully and scales the rest by their share (worked by hand)', () => {
    const alignment = projectAlignment(objectives, [
      { projectId: 'full', objectiveId: 'growth', weight: 100 },
      { projectId: 'cost', objectiveId: 'cost', weight: 100 },
      { projectId: 'child', objectiveId: 'retention', weight: 100 },
      { projectId: 'half', objectiveId: 'growth', weight: 50 },
    ]);
    expect(alignment.get('full')).toBeCloseTo(100, 10);
    // cost is 1/4 of the strategy, growth 3/4: 25 / 75 = 33.3
    expect(alignment.get('cost')).toBeCloseTo(100 / 3, 10);
    // retention is half of growth: 37.5 / 75 = 50
    expect(alignment.get('child')).toBeCloseTo(50, 10);
    expect(alignment.get('half')).toBeCloseTo(50, 10);
    expect(alignment.has('none')).toBe(false);
  });

  it('scales contributions that claim more than 100% of a project back to 100%', () => {
    const alignment = projectAlignment(objectives, [
      { projectId: 'greedy', objectiveId: 'growth', weight: 100 },
      { projectId: 'greedy', objectiveId: 'cost', weight: 100 },
    ]);
    // half of the project to growth (100 × 0.5) and half to cost (33.3 × 0.5)
    expect(alignment.get('greedy')).toBeCloseTo(50 + 100 / 6, 10);
  });

  it('stays within 0–100 for any tree and contributions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1, max: 8 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 10 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 100 })), { maxLength: 12 }),
        (tree, contributions) => {
          const objs = tree.map(([parent, weight], i) => ({ id: `o${i}`, parentId: parent >= 0 && parent < i ? `o${parent}` : null, weight }));
          const result = projectAlignment(
            objs,
            contributions.map(([p, o, w]) => ({ projectId: `p${p}`, objectiveId: `o${o}`, weight: w })),
          );
          for (const v of result.values()) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(100 + 1e-9);
          }
        },
      ),
    );
  });
});
