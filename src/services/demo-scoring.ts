import type { OrganisationId, PortfolioId } from '../domain/ids.js';
import { STARTER_CRITERIA } from '../domain/portfolio/scoring/index.js';
import type { ServiceContext } from './context.js';
import type { Rng } from './demo-prng.js';
import { createScoringModel, putScoreSheet } from './portfolio-scoring.js';

/**
 * The demo's prioritisation: each portfolio scores its open projects on the starter model.
 * Financial value follows the budget loosely (bigger schemes tend to return more, with a wide
 * spread), risk, urgency and regulatory need are drawn; one proposal in four is not scored
 * yet, so the ranking shows incomplete sheets too. Alignment comes from the strategy itself.
 */
export async function seedScoring(ctx: ServiceContext, organisationId: OrganisationId, rng: Rng, onProject: () => void): Promise<number> {
  const portfolios = await ctx.db.selectFrom('portfolio').select(['id', 'code']).where('organisationId', '=', organisationId).orderBy('code').execute();
  let sheets = 0;
  for (const portfolio of portfolios) {
    const model = await createScoringModel(ctx, portfolio.id as PortfolioId, {
      name: 'Investment committee',
      description: 'The portfolio board’s standing criteria',
      weighting: 'direct',
      criteria: STARTER_CRITERIA.map((c) => ({ ...c })),
      pairwise: [],
    });
    const projects = await ctx.db
      .selectFrom('project')
      .select(['id', 'stage', 'state', 'budget'])
      .where('portfolioId', '=', portfolio.id)
      .orderBy('code')
      .execute();
    for (const p of projects) {
      onProject();
      if (p.state !== 'active' && p.state !== 'on-hold') continue;
      if (p.stage === 'proposal' && rng.chance(0.25)) continue;
      const budgetM = p.budget === null ? 2 : Number(p.budget) / 100 / 1_000_000;
      const value = Math.min(20, Math.round(budgetM * (0.4 + rng.int(0, 160) / 100) * 10) / 10);
      await putScoreSheet(ctx, model.id, p.id, {
        version: 0,
        values: { value, risk: rng.int(1, 5), urgency: rng.int(1, 5), compliance: rng.chance(0.2) ? rng.int(3, 5) : rng.int(0, 2) },
        note: '',
      });
      sheets++;
    }
  }
  return sheets;
}
