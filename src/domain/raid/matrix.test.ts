import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf, DEFAULT_RISK_MATRIX as M, escalationReason, heatMap, isStale, matrixIssues, maxScore, ratingIssues, type RiskMatrix } from './matrix.js';
import { issueScore } from './issue-rules.js';
import { quantificationIssues, responseProblem } from './risk-rules.js';
import { exposureTrend, sampleDays } from './trend.js';

describe('the risk matrix', () => {
  it('the default 5×5 matrix is sound', () => {
    expect(matrixIssues(M)).toEqual([]);
    expect(maxScore(M)).toBe(25);
  });

  it('bands a score by the last band it reaches', () => {
    expect([1, 4, 5, 9, 10, 15, 16, 25].map((s) => bandOf(M, s).name)).toEqual(['Low', 'Low', 'Medium', 'Medium', 'High', 'High', 'Critical', 'Critical']);
  });

  it('every score of the matrix falls in exactly the band whose range holds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (p, i) => {
        const s = p * i;
        const b = bandOf(M, s);
        const next = M.bands[M.bands.indexOf(b) + 1];
        return s >= b.minScore && (next === undefined || s < next.minScore);
      }),
    );
  });

  it('names each unsound part of a matrix', () => {
    const bad: RiskMatrix = {
      ...M,
      probability: [{ label: 'Only', likelihood: 1.2 }],
      bands: [
        { name: 'Low', minScore: 2, colour: '#000000' },
        { name: 'Low', minScore: 2, colour: '#000000' },
      ],
      escalation: { scoreAtLeast: 99, proximityDays: 3 },
    };
    expect(matrixIssues(bad).map((i) => i.field)).toEqual(['probability', 'probability.0.likelihood', 'bands.0.minScore', 'bands.1.minScore', 'bands.1.name', 'escalation.scoreAtLeast']);
  });

  it('refuses likelihoods that do not rise', () => {
    const m = { ...M, probability: [M.probability[1]!, M.probability[0]!, ...M.probability.slice(2)] };
    expect(matrixIssues(m)).toEqual([{ field: 'probability.1.likelihood', reason: 'must be above the level below it' }]);
  });

  it('rates within the scale, naming the field given', () => {
    expect(ratingIssues(M, 0, 6, { probability: 'residualProbability', impact: 'residualImpact' }).map((i) => i.field)).toEqual(['residualProbability', 'residualImpact']);
    expect(ratingIssues(M, null, 3)).toEqual([]);
  });
});

describe('escalation and review', () => {
  const open = { score: 6, proximity: null, escalatedByHand: false, open: true };
  it('escalates at the score threshold, within the proximity window (or past it), or by hand; never when closed', () => {
    expect(escalationReason(M, open, '2026-03-01')).toBeNull();
    expect(escalationReason(M, { ...open, score: 16 }, '2026-03-01')).toBe('score 16 is at or above 16');
    expect(escalationReason(M, { ...open, proximity: '2026-03-15' }, '2026-03-01')).toBe('proximity 2026-03-15 is within 14 days');
    expect(escalationReason(M, { ...open, proximity: '2026-03-16' }, '2026-03-01')).toBeNull();
    expect(escalationReason(M, { ...open, proximity: '2026-02-20' }, '2026-03-01')).toBe('proximity 2026-02-20 has passed');
    expect(escalationReason(M, { ...open, escalatedByHand: true }, '2026-03-01')).toBe('escalated by hand');
    expect(escalationReason(M, { ...open, score: 25, open: false }, '2026-03-01')).toBeNull();
    expect(escalationReason({ ...M, escalation: { scoreAtLeast: 25, proximityDays: null } }, { ...open, proximity: '2026-03-01' }, '2026-03-01')).toBeNull();
  });

  it('a review older than the interval is stale', () => {
    expect(isStale(M, '2026-03-01', '2026-03-31')).toBe(false);
    expect(isStale(M, '2026-03-01', '2026-04-01')).toBe(true);
  });

  it('an issue scores as a certain risk: severity × probability levels', () => {
    expect(issueScore(4, 5)).toBe(20);
  });
});

describe('the heat map', () => {
  it('puts each rated item in its cell, highest probability first, and leaves unrated ones out', () => {
    const rows = heatMap(M, [
      { id: 'a', probability: 5, impact: 1 },
      { id: 'b', probability: 5, impact: 1 },
      { id: 'c', probability: 1, impact: 5 },
      { id: 'd', probability: null, impact: null },
    ]);
    expect(rows).toHaveLength(5);
    expect(rows[0]![0]).toMatchObject({ probability: 5, impact: 1, score: 5, band: 'Medium', count: 2, ids: ['a', 'b'] });
    expect(rows[4]![4]).toMatchObject({ probability: 1, impact: 5, count: 1, ids: ['c'] });
    expect(rows.flat().reduce((n, c) => n + c.count, 0)).toBe(3);
  });
});

describe('responses and quantification', () => {
  it('matches responses to threats and opportunities', () => {
    expect(responseProblem('threat', 'avoid')).toBeNull();
    expect(responseProblem('opportunity', 'accept')).toBeNull();
    expect(responseProblem('threat', 'enhance')).toMatch(/^enhance is a response to an opportunity/);
    expect(responseProblem('opportunity', 'transfer')).toMatch(/^transfer is a response to a threat/);
  });

  it('refuses a probability outside 0..1 and three-point estimates out of order', () => {
    const issues = quantificationIssues({ probability: -0.1, schedule: [{ taskId: 't', min: 3, mode: 2, max: 5 }], cost: { min: 1, mode: 1, max: 0 } }, 'q');
    expect(issues.map((i) => i.field)).toEqual(['q.probability', 'q.schedule.0', 'q.cost']);
  });
});

describe('exposure over time', () => {
  it('counts each risk at its latest review before the end of each day', () => {
    const points = exposureTrend(
      M,
      [
        { riskId: 'a', at: '2026-03-01T10:00:00Z', score: 12, residualScore: null, open: true },
        { riskId: 'b', at: '2026-03-02T10:00:00Z', score: 20, residualScore: 6, open: true },
        { riskId: 'a', at: '2026-03-03T10:00:00Z', score: 4, residualScore: null, open: true },
        { riskId: 'b', at: '2026-03-04T10:00:00Z', score: 20, residualScore: 6, open: false },
      ],
      ['2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'],
    );
    expect(points.map((p) => [p.open, p.exposure, p.residualExposure])).toEqual([
      [0, 0, 0],
      [1, 12, 12],
      [2, 32, 18],
      [2, 24, 10],
      [1, 4, 4],
    ]);
    expect(points[2]!.byBand).toEqual({ Low: 0, Medium: 0, High: 1, Critical: 1 });
    // Each point names the risks behind it, highest score first.
    expect(points.map((p) => p.top.map((t) => `${t.riskId}:${t.score}`))).toEqual([[], ['a:12'], ['b:20', 'a:12'], ['b:20', 'a:4'], ['a:4']]);
  });

  it('samples days by step and always ends on the last day', () => {
    expect(sampleDays('2026-01-30', '2026-02-10', 5)).toEqual(['2026-01-30', '2026-02-04', '2026-02-09', '2026-02-10']);
    expect(sampleDays('2026-01-01', '2026-01-01', 7)).toEqual(['2026-01-01']);
  });
});

describe('escalation of assumptions, dependencies and decisions', () => {
  it('escalates open items by hand, by a near or past date, and dependencies at risk or late at once', async () => {
    const { logEscalationReason } = await import('./log-rules.js');
    const open = { status: 'unvalidated', due: null, escalatedByHand: false };
    expect(logEscalationReason('assumption', open, '2026-03-01', 14)).toBeNull();
    expect(logEscalationReason('assumption', { ...open, due: '2026-03-10' }, '2026-03-01', 14)).toBe('2026-03-10 is within 14 days');
    expect(logEscalationReason('assumption', { ...open, due: '2026-02-10' }, '2026-03-01', 14)).toBe('2026-02-10 has passed');
    expect(logEscalationReason('assumption', { ...open, status: 'valid', escalatedByHand: true }, '2026-03-01', 14)).toBeNull();
    expect(logEscalationReason('dependency', { status: 'late', due: null, escalatedByHand: false }, '2026-03-01', null)).toBe('the dependency is late');
    expect(logEscalationReason('dependency', { status: 'met', due: '2026-03-02', escalatedByHand: true }, '2026-03-01', 14)).toBeNull();
    expect(logEscalationReason('decision', { status: 'open', due: '2026-03-02', escalatedByHand: false }, '2026-03-01', null)).toBeNull();
    expect(logEscalationReason('decision', { status: 'open', due: null, escalatedByHand: true }, '2026-03-01', null)).toBe('escalated by hand');
  });
});
