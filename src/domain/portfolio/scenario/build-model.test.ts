import { describe, expect, it } from 'vitest';
import { checkSelection, optimise } from '../optimise/index.js';
import { buildScenarioModel, type ScenarioProject } from './build-model.js';
import type { ScenarioSettings } from './settings.js';

const settings = (over: Partial<ScenarioSettings> = {}): ScenarioSettings => ({
  modelId: 'm',
  startMonth: '2027-01',
  months: 6,
  budget: { kind: 'monthly', amount: 50_000 },
  maxDelayMonths: 2,
  capacityFactors: {},
  projects: {},
  ...over,
});

const project = (over: Partial<ScenarioProject> & { id: string }): ScenarioProject => ({
  code: over.id,
  name: `Project ${over.id}`,
  stage: 'planning',
  state: 'active',
  value: 50,
  budget: 9_000_000, // £90,000
  plannedStart: '2027-02-01',
  plannedFinish: '2027-04-30',
  demand: {},
  ...over,
});

describe('a scenario as the optimiser model', () => {
  it('spreads the budget over the planned months, takes demand month by month from the start, and allows the delay (worked by hand)', () => {
    const { model, running, skipped } = buildScenarioModel(
      settings(),
      [project({ id: 'A', value: 62.5, demand: { dev: { '2027-02': 120, '2027-03': 80, '2027-09': 999 }, qa: { '2027-02': 10 } } })],
      { dev: [300, 300, 300, 300, 300, 300] },
    );
    expect(model.periods).toBe(6);
    expect(model.budget).toEqual([50_000, 50_000, 50_000, 50_000, 50_000, 50_000]);
    // £90,000 over Feb–Apr: £30,000 a month; starts in period 1 (February), up to 2 months late.
    expect(model.candidates).toEqual([
      { id: 'A', name: 'A Project A', value: 62.5, cost: [30_000, 30_000, 30_000], demand: { dev: [120, 80, 0] }, earliestStart: 1, latestStart: 3, mustDo: false, mustNot: false },
    ]);
    expect(running).toEqual([]);
    expect(skipped).toEqual([]);
  });

  it('funds a project already under way from the first month with what is left of it, and never delays it', () => {
    const { model, running } = buildScenarioModel(settings(), [project({ id: 'R', stage: 'delivery', plannedStart: '2026-11-01', plannedFinish: '2027-02-28', demand: { dev: { '2026-12': 50, '2027-01': 40, '2027-02': 30 } } })], { dev: [100, 100, 100, 100, 100, 100] });
    // Four months (Nov–Feb) at £22,500; two are left.
    expect(model.candidates[0]).toMatchObject({ cost: [22_500, 22_500], demand: { dev: [40, 30] }, earliestStart: 0, latestStart: 0, mustDo: true });
    expect(running).toEqual(['R']);
  });

  it('applies what-ifs: a shift, a dearer cost, must and never, more capacity, a total budget', () => {
    const { model } = buildScenarioModel(
      settings({
        budget: { kind: 'total', amount: 200_000 },
        capacityFactors: { dev: 1.5 },
        projects: { A: { shiftMonths: 2, costFactor: 1.2, inclusion: 'must' }, B: { inclusion: 'never' } },
      }),
      [project({ id: 'A' }), project({ id: 'B' })],
      { dev: [100, 100, 100, 100, 100, 100] },
    );
    expect(model.budgetTotal).toBe(200_000);
    expect(model.budget).toBeUndefined();
    expect(model.capacity).toEqual({ dev: [150, 150, 150, 150, 150, 150] });
    expect(model.candidates[0]).toMatchObject({ cost: [36_000, 36_000, 36_000], earliestStart: 3, latestStart: 5, mustDo: true });
    expect(model.candidates[1]).toMatchObject({ mustNot: true });
  });

  it('leaves out, with the reason, projects that are closed, have no budget, start after the horizon or ended before it', () => {
    const { model, skipped, notes } = buildScenarioModel(
      settings(),
      [
        project({ id: 'done', state: 'completed' }),
        project({ id: 'nobudget', budget: null }),
        project({ id: 'late', plannedStart: '2027-09-01', plannedFinish: '2027-12-31' }),
        project({ id: 'over', plannedStart: '2026-01-01', plannedFinish: '2026-06-30' }),
        project({ id: 'undated', plannedStart: null, plannedFinish: null }),
      ],
      {},
    );
    expect(skipped).toEqual([
      { projectId: 'done', reason: 'it is completed' },
      { projectId: 'nobudget', reason: 'it has no budget yet (give it one, or make it a must in this scenario)' },
      { projectId: 'late', reason: 'it starts after the horizon (2027-09)' },
      { projectId: 'over', reason: 'its planned months end before 2027-01' },
    ]);
    expect(model.candidates.map((c) => c.id)).toEqual(['undated']);
    expect(model.candidates[0]!.cost).toHaveLength(12);
    expect(notes.undated).toEqual(['no planned dates: taken as 12 months from 2027-01']);
  });

  it('passes dependencies and groups on, and rules out a project that needs one the scenario cannot offer', () => {
    const { model, notes } = buildScenarioModel(
      settings({ projects: { A: { requires: ['B'], excludes: ['C'] }, D: { requires: ['nobudget'] } }, groups: [{ name: 'B or C', members: ['B', 'C', 'gone'] }] }),
      [project({ id: 'A' }), project({ id: 'B' }), project({ id: 'C' }), project({ id: 'D' }), project({ id: 'nobudget', budget: null })],
      {},
    );
    expect(model.candidates.find((c) => c.id === 'A')).toMatchObject({ requires: ['B'], excludes: ['C'] });
    expect(model.candidates.find((c) => c.id === 'D')).toMatchObject({ mustNot: true });
    expect(notes.D![0]).toMatch(/^needs nobudget, which is not considered \(it has no budget yet/);
    expect(model.groups).toEqual([{ id: '"B or C"', name: 'B or C', members: ['B', 'C'], max: 1 }]);
  });

  it('gives the optimiser a model it solves, whose selection fits every budget and capacity row', async () => {
    const projects = Array.from({ length: 8 }, (_, i) =>
      project({ id: `P${i}`, value: 20 + 9 * i, budget: (40_000 + 13_000 * i) * 100, plannedStart: `2027-0${1 + (i % 4)}-01`, plannedFinish: `2027-0${3 + (i % 4)}-28`, demand: { dev: { [`2027-0${1 + (i % 4)}`]: 60 + 10 * i } } }),
    );
    const { model } = buildScenarioModel(settings({ budget: { kind: 'monthly', amount: 60_000 } }), projects, { dev: [200, 200, 200, 200, 200, 200] });
    const result = await optimise(model);
    expect(result.status).toBe('optimal');
    expect(result.value).toBeGreaterThanOrEqual(result.greedy.value);
    expect(checkSelection(model, result.selected)).toEqual([]);
  });
});
