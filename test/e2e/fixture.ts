import { ContributionCreate, ObjectiveCreate, PortfolioCreate, ProgrammeCreate, ProjectCreate } from '../../src/api/schemas/index.js';
import type { ObjectiveId, OrganisationId, ProjectId } from '../../src/domain/ids.js';
import type { Role } from '../../src/domain/policy/index.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createContribution } from '../../src/services/contributions.js';
import { createObjective } from '../../src/services/objectives.js';
import { createOrganisation } from '../../src/services/organisations.js';
import { createPortfolio } from '../../src/services/portfolios.js';
import { createProgramme } from '../../src/services/programmes.js';
import { createProject, updateProject } from '../../src/services/projects.js';
import { createUser, grantRole } from '../../src/services/users.js';

export const PASSWORD = 'correct horse battery';
export const XSS_NAME = '<img src=x onerror=alert(1)>';

/** The people of the fixture, each with a different reach. */
export type UserKey = 'admin' | 'viewer' | 'pm' | 'sponsor';

export type Fixture = {
  organisationId: string;
  organisationName: string;
  users: Record<UserKey, { email: string; name: string }>;
  portfolios: { digital: string; operations: string };
  programmes: { cx: string; cxTranche: string };
  /** Project ids by code. */
  projects: Record<string, string>;
  objectives: Record<string, string>;
};

/**
 * A small organisation built through the services (as the system), so every page has
 * something real to show: two portfolios, a programme with a sub-programme, aligned and
 * unaligned projects (one named like an HTML injection), an objective tree, and users
 * with organisation-wide, read-only and single-project roles.
 */
export async function buildFixture(sys: ServiceContext, suffix: string): Promise<Fixture> {
  const org = await createOrganisation(sys, { name: 'Northwind Trading', slug: `northwind-e2e-${suffix}`, pmoMode: 'controlling', currency: 'GBP' });
  const orgId = org.id as OrganisationId;

  const digital = await createPortfolio(sys, PortfolioCreate.parse({ organisationId: orgId, code: 'DIG', name: 'Digital Services', description: 'Online channels and data' }));
  const operations = await createPortfolio(sys, PortfolioCreate.parse({ organisationId: orgId, code: 'OPS', name: 'Operations' }));
  const cx = await createProgramme(sys, ProgrammeCreate.parse({ portfolioId: digital.id, code: 'CX', name: 'Customer Experience' }));
  const cxTranche = await createProgramme(sys, ProgrammeCreate.parse({ portfolioId: digital.id, parentId: cx.id, code: 'CX-T2', name: 'CX Tranche 2' }));

  const objectives: Record<string, string> = {};
  const objective = async (code: string, name: string, extra: Record<string, unknown> = {}) => {
    const o = await createObjective(sys, ObjectiveCreate.parse({ organisationId: orgId, code, name, ...extra }));
    objectives[code] = o.id;
    return o.id as ObjectiveId;
  };
  const growth = await objective('OBJ-1', 'Grow digital revenue', { weight: 60, measure: 'Online revenue (£m a year)', target: '£40m by March 2028' });
  await objective('OBJ-1.1', 'Convert more visitors', { parentId: growth, weight: 50, measure: 'Conversion rate (%)', target: '3.5% by December 2027' });
  await objective('OBJ-1.2', 'Keep customers longer', { parentId: growth, weight: 50, measure: 'Churn (% a year)', target: 'Below 8%' });
  await objective('OBJ-2', 'Run leaner operations', { weight: 40, measure: 'Cost to serve (£ per order)', target: '£4.20 by 2028' });

  const projects: Record<string, string> = {};
  const project = async (input: Record<string, unknown>, serves: string[] = [], stage?: string) => {
    const p = await createProject(sys, ProjectCreate.parse(input));
    projects[p.code] = p.id;
    for (const code of serves) await createContribution(sys, p.id as ProjectId, ContributionCreate.parse({ objectiveId: objectives[code], weight: 100 / serves.length }));
    if (stage) await updateProject(sys, p.id as ProjectId, { version: 1, stage: stage as 'delivery' });
    return p.id;
  };
  await project({ programmeId: cx.id, code: 'CX-001', name: 'New web shop', plannedStart: '2027-01-04', plannedFinish: '2027-06-30', budget: 125_000_000, tags: ['web', 'revenue'] }, ['OBJ-1.1'], 'delivery');
  await project({ programmeId: cxTranche.id, code: 'CX-002', name: 'Mobile app refresh', plannedStart: '2027-03-01', plannedFinish: '2027-11-30', budget: 48_000_000, tags: ['mobile'], state: 'on-hold' }, ['OBJ-1.1', 'OBJ-1.2'], 'planning');
  await project({ portfolioId: digital.id, code: 'DIG-010', name: 'Data platform', plannedStart: '2027-04-01', plannedFinish: '2028-03-31', budget: 90_000_000, tags: ['data'] });
  await project({ portfolioId: digital.id, code: 'DIG-011', name: XSS_NAME });
  await project({ portfolioId: digital.id, code: 'DIG-012', name: 'Legacy CRM retirement', plannedStart: '2026-01-05', plannedFinish: '2026-09-30', budget: 30_000_000, state: 'completed' }, ['OBJ-2'], 'closure');
  await project({ portfolioId: operations.id, code: 'OPS-001', name: 'Warehouse automation', plannedStart: '2027-02-01', plannedFinish: '2028-01-31', budget: 210_000_000, tags: ['automation'] }, ['OBJ-2'], 'initiation');

  const users = {
    admin: { email: `admin-${suffix}@northwind.test`, name: 'Ada Admin' },
    viewer: { email: `viewer-${suffix}@northwind.test`, name: 'Vic Viewer' },
    pm: { email: `pm-${suffix}@northwind.test`, name: 'Pat Manager' },
    sponsor: { email: `sponsor-${suffix}@northwind.test`, name: 'Sam Sponsor' },
  };
  const grants: Record<UserKey, { role: Role; scopeType: 'organisation' | 'project'; scopeId: string }> = {
    admin: { role: 'administrator', scopeType: 'organisation', scopeId: orgId },
    viewer: { role: 'viewer', scopeType: 'organisation', scopeId: orgId },
    pm: { role: 'project-manager', scopeType: 'project', scopeId: projects['CX-002'] as string },
    sponsor: { role: 'sponsor', scopeType: 'organisation', scopeId: orgId },
  };
  for (const key of Object.keys(users) as UserKey[]) {
    const user = await createUser(sys, null, { ...users[key], password: PASSWORD });
    await grantRole(sys, { userId: user.id, ...grants[key] });
  }

  return {
    organisationId: orgId,
    organisationName: org.name,
    users,
    portfolios: { digital: digital.id, operations: operations.id },
    programmes: { cx: cx.id, cxTranche: cxTranche.id },
    projects,
    objectives,
  };
}
