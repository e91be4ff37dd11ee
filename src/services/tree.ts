import type { OrganisationId } from '../domain/ids.js';
import type { Tree } from '../api/schemas/tree.schema.js';
import { authorize, organisationPath, projectVisibleCondition, visibility } from './access.js';
import type { ServiceContext } from './context.js';
import { sql } from 'kysely';
import { alignedCondition } from './contribution-count.js';

/** The navigation tree of an organisation, in three queries, limited to what the actor sees. */
export async function navigationTree(ctx: ServiceContext, organisationId: OrganisationId): Promise<Tree> {
  authorize(ctx, 'read', organisationPath(organisationId), 'organisation');
  const vis = await visibility(ctx, organisationId);
  const byCode = ctx.dialect === 'postgres' ? sql`code collate "C"` : sql`code`;
  let portfolios = await ctx.db.selectFrom('portfolio').select(['id', 'code', 'name']).where('organisationId', '=', organisationId).orderBy(byCode).execute();
  let programmes = await ctx.db.selectFrom('programme').select(['id', 'parentId', 'portfolioId', 'code', 'name']).where('organisationId', '=', organisationId).orderBy(byCode).execute();
  let pq = ctx.db
    .selectFrom('project')
    .select(['project.id', 'project.code', 'project.name', 'project.stage', 'project.state', 'project.portfolioId', 'project.programmeId'])
    .select(alignedCondition.as('aligned'))
    .where('project.organisationId', '=', organisationId)
    .orderBy(ctx.dialect === 'postgres' ? sql`project.code collate "C"` : sql`project.code`);
  const visible = projectVisibleCondition(vis);
  if (visible) pq = pq.where(visible);
  const projects = await pq.execute();
  if (!vis.all) {
    const seePortfolio = new Set<string>([...vis.portfolioIds, ...vis.ancestorPortfolioIds]);
    const seeProgramme = new Set<string>([...vis.programmeIds, ...vis.ancestorProgrammeIds]);
    const wholePortfolio = new Set<string>(vis.portfolioIds);
    portfolios = portfolios.filter((p) => seePortfolio.has(p.id));
    programmes = programmes.filter((p) => wholePortfolio.has(p.portfolioId) || seeProgramme.has(p.id));
  }
  return {
    organisationId,
    portfolios: portfolios.map((p) => ({
      ...p,
      programmes: programmes.filter((g) => g.portfolioId === p.id).map(({ portfolioId: _p, ...g }) => g),
      projects: projects
        .filter((j) => j.portfolioId === p.id)
        .map(({ portfolioId: _p, aligned, ...j }) => ({ ...j, aligned: Boolean(Number(aligned)) })),
    })),
  };
}
