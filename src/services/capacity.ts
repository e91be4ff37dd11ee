import type { CapacityPersonId, CapacityRoleId, OrganisationId, ProjectDemandId, ProjectId, UserId } from '../domain/ids.js';
import { invalid, PharosError } from '../domain/errors.js';
import { heatMap, monthsBetween, roleCapacity, spreadOverWeekdays, type DemandCell, type FteStep } from '../domain/portfolio/capacity/index.js';
import type { CapacityMap, DemandPut, DemandSheet, Person, PersonCreate, PersonPatch, ProjectDemand, Role, RoleCreate, RolePatch } from '../api/schemas/capacity.schema.js';
import type { CapacityPersonTable, CapacityRoleTable, ProjectDemandTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { authorize, authorizeOrganisation, organisationPath, pathOfProject, projectVisibleCondition, visibility } from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { assertUserInOrganisation } from './references.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';

/**
 * Capacity: the organisation's roles and the people in them (changed by `capacity:manage`,
 * held organisation-wide), each project's estimated demand per role (changed by whoever may
 * update the project), and demand against capacity by role and month, worked out by the
 * capacity engine. Every write is versioned and audited.
 */

type RoleRow = CapacityRoleTable & { people: number };

function roleFromRow(row: RoleRow): Role {
  return { ...row, fteSteps: JSON.parse(row.fteSteps) as FteStep[], people: Number(row.people) };
}

function roleAudit(row: CapacityRoleTable): Record<string, unknown> {
  return { code: row.code, name: row.name, description: row.description, hoursPerFteMonth: row.hoursPerFteMonth, fteSteps: JSON.parse(row.fteSteps) as unknown };
}

async function loadRoles(db: Db, organisationId: OrganisationId, id?: CapacityRoleId): Promise<RoleRow[]> {
  let q = db
    .selectFrom('capacityRole')
    .selectAll('capacityRole')
    .select((eb) => eb.selectFrom('capacityPerson').select(eb.fn.countAll<number>().as('n')).whereRef('capacityPerson.roleId', '=', 'capacityRole.id').as('people'))
    .where('capacityRole.organisationId', '=', organisationId);
  if (id) q = q.where('capacityRole.id', '=', id);
  return (await q.orderBy('capacityRole.code').execute()) as RoleRow[];
}

async function roleRow(ctx: ServiceContext, id: string, action: 'read' | 'capacity:manage'): Promise<CapacityRoleTable> {
  const row = await ctx.db.selectFrom('capacityRole').selectAll().where('id', '=', id as CapacityRoleId).executeTakeFirst();
  authorize(ctx, action, row ? organisationPath(row.organisationId) : null, 'role');
  return row as CapacityRoleTable;
}

async function assertRoleCodeFree(db: Db, organisationId: OrganisationId, code: string, except?: string): Promise<void> {
  let q = db.selectFrom('capacityRole').select('id').where('organisationId', '=', organisationId).where('code', '=', code);
  if (except) q = q.where('id', '!=', except as CapacityRoleId);
  if (await q.executeTakeFirst()) {
    throw new PharosError('duplicate', `code: a role with code "${code}" already exists in this organisation`, { issues: [{ field: 'code', reason: 'is already used by another role' }] });
  }
}

export async function listRoles(ctx: ServiceContext, organisationId: OrganisationId): Promise<Role[]> {
  await authorizeOrganisation(ctx, organisationId, 'read');
  return (await loadRoles(ctx.db, organisationId)).map(roleFromRow);
}

export async function getRole(ctx: ServiceContext, id: string): Promise<Role> {
  const row = await roleRow(ctx, id, 'read');
  return roleFromRow((await loadRoles(ctx.db, row.organisationId, row.id))[0]!);
}

export async function createRole(ctx: ServiceContext, organisationId: OrganisationId, input: RoleCreate): Promise<Role> {
  await authorizeOrganisation(ctx, organisationId, 'capacity:manage');
  const now = nowIso(ctx);
  const row: CapacityRoleTable = {
    id: newId<CapacityRoleId>(),
    organisationId,
    code: input.code,
    name: input.name,
    description: input.description,
    hoursPerFteMonth: input.hoursPerFteMonth,
    fteSteps: JSON.stringify(sortSteps(input.fteSteps)),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await assertRoleCodeFree(trx, organisationId, input.code);
    await trx.insertInto('capacityRole').values(row).execute();
    await appendAudit(trx, ctx, { organisationId, recordType: 'role', recordId: row.id, recordLabel: row.name, before: null, after: roleAudit(row) });
  });
  return roleFromRow({ ...row, people: 0 });
}

function sortSteps(steps: readonly FteStep[]): FteStep[] {
  return [...steps].sort((a, b) => a.from.localeCompare(b.from));
}

export async function updateRole(ctx: ServiceContext, id: string, input: RolePatch): Promise<Role> {
  const current = await roleRow(ctx, id, 'capacity:manage');
  const { version, ...patch } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await loadRoles(trx, current.organisationId, current.id))[0]!;
    assertVersion('the role', before.version, version, roleFromRow(before));
    if (patch.code !== undefined && patch.code !== before.code) await assertRoleCodeFree(trx, before.organisationId, patch.code, before.id);
    const set = { ...definedOnly({ ...patch, fteSteps: patch.fteSteps ? JSON.stringify(sortSteps(patch.fteSteps)) : undefined }), version: version + 1, updatedAt: nowIso(ctx) };
    const res = await trx.updateTable('capacityRole').set(set).where('id', '=', before.id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the role');
    const after = (await loadRoles(trx, before.organisationId, before.id))[0]!;
    await appendAudit(trx, ctx, { organisationId: after.organisationId, recordType: 'role', recordId: after.id, recordLabel: after.name, before: roleAudit(before), after: roleAudit(after) });
    return roleFromRow(after);
  });
}

/** Deletes a role no person and no project demand refers to (they are named when it is refused). */
export async function deleteRole(ctx: ServiceContext, id: string, version: number): Promise<void> {
  const current = await roleRow(ctx, id, 'capacity:manage');
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await loadRoles(trx, current.organisationId, current.id))[0]!;
    assertVersion('the role', row.version, version, roleFromRow(row));
    const people = await trx.selectFrom('capacityPerson').select('name').where('roleId', '=', row.id).orderBy('name').execute();
    const demand = await trx.selectFrom('projectDemand').innerJoin('project', 'project.id', 'projectDemand.projectId').select('project.code').where('projectDemand.roleId', '=', row.id).orderBy('project.code').execute();
    if (people.length || demand.length) {
      const parts: string[] = [];
      if (people.length) parts.push(`${people.length} ${people.length === 1 ? 'person' : 'people'} (${people.slice(0, 5).map((p) => p.name).join(', ')})`);
      if (demand.length) parts.push(`demand from ${demand.length} project${demand.length === 1 ? '' : 's'} (${demand.slice(0, 5).map((d) => d.code).join(', ')})`);
      throw new PharosError('blocked-by-dependents', `role ${row.code} still has ${parts.join(' and ')}; move or remove them first`, {
        extensions: { blockedBy: { people: people.map((p) => p.name), projects: demand.map((d) => d.code) } },
      });
    }
    await trx.deleteFrom('capacityRole').where('id', '=', row.id).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'role', recordId: row.id, recordLabel: row.name, before: roleAudit(row), after: null });
  });
}

// People

function personFromRow(row: CapacityPersonTable): Person {
  return { ...row, absences: JSON.parse(row.absences) as Person['absences'] };
}

async function personRow(ctx: ServiceContext, id: string, action: 'read' | 'capacity:manage'): Promise<CapacityPersonTable> {
  const row = await ctx.db.selectFrom('capacityPerson').selectAll().where('id', '=', id as CapacityPersonId).executeTakeFirst();
  authorize(ctx, action, row ? organisationPath(row.organisationId) : null, 'person');
  return row as CapacityPersonTable;
}

async function checkPersonRefs(db: Db, organisationId: OrganisationId, roleId: string | undefined, userId: string | null | undefined): Promise<void> {
  if (roleId !== undefined) {
    const role = await db.selectFrom('capacityRole').select('id').where('id', '=', roleId as CapacityRoleId).where('organisationId', '=', organisationId).executeTakeFirst();
    if (!role) throw invalid([{ field: 'roleId', reason: 'is not a role of this organisation' }]);
  }
  if (userId) await assertUserInOrganisation(db, organisationId, userId, 'userId');
}

export async function listPeople(ctx: ServiceContext, organisationId: OrganisationId): Promise<Person[]> {
  await authorizeOrganisation(ctx, organisationId, 'read');
  const rows = await ctx.db.selectFrom('capacityPerson').selectAll().where('organisationId', '=', organisationId).orderBy('name').orderBy('id').execute();
  return rows.map(personFromRow);
}

export async function createPerson(ctx: ServiceContext, organisationId: OrganisationId, input: PersonCreate): Promise<Person> {
  await authorizeOrganisation(ctx, organisationId, 'capacity:manage');
  await checkPersonRefs(ctx.db, organisationId, input.roleId, input.userId);
  const now = nowIso(ctx);
  const row: CapacityPersonTable = {
    id: newId<CapacityPersonId>(),
    organisationId,
    roleId: input.roleId as CapacityRoleId,
    userId: input.userId as UserId | null,
    name: input.name,
    fte: input.fte,
    nonProjectShare: input.nonProjectShare,
    fromMonth: input.fromMonth,
    toMonth: input.toMonth,
    absences: JSON.stringify(input.absences),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('capacityPerson').values(row).execute();
    await appendAudit(trx, ctx, { organisationId, recordType: 'person', recordId: row.id, recordLabel: row.name, before: null, after: personFromRow(row) });
  });
  return personFromRow(row);
}

export async function updatePerson(ctx: ServiceContext, id: string, input: PersonPatch): Promise<Person> {
  const current = await personRow(ctx, id, 'capacity:manage');
  const { version, ...patch } = input;
  await checkPersonRefs(ctx.db, current.organisationId, patch.roleId, patch.userId);
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await trx.selectFrom('capacityPerson').selectAll().where('id', '=', current.id).executeTakeFirst())!;
    assertVersion('the person', before.version, version, personFromRow(before));
    const from = patch.fromMonth !== undefined ? patch.fromMonth : before.fromMonth;
    const to = patch.toMonth !== undefined ? patch.toMonth : before.toMonth;
    if (from && to && to < from) throw invalid([{ field: patch.toMonth !== undefined ? 'toMonth' : 'fromMonth', reason: `the months in the role must not end (${to}) before they start (${from})` }]);
    const set = { ...definedOnly({ ...patch, roleId: patch.roleId as CapacityRoleId | undefined, userId: patch.userId as UserId | null | undefined, absences: patch.absences ? JSON.stringify(patch.absences) : undefined }), version: version + 1, updatedAt: nowIso(ctx) };
    const res = await trx.updateTable('capacityPerson').set(set).where('id', '=', before.id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the person');
    const after = (await trx.selectFrom('capacityPerson').selectAll().where('id', '=', before.id).executeTakeFirst())!;
    await appendAudit(trx, ctx, { organisationId: after.organisationId, recordType: 'person', recordId: after.id, recordLabel: after.name, before: personFromRow(before), after: personFromRow(after) });
    return personFromRow(after);
  });
}

export async function deletePerson(ctx: ServiceContext, id: string, version: number): Promise<void> {
  const current = await personRow(ctx, id, 'capacity:manage');
  await ctx.db.transaction().execute(async (trx) => {
    assertVersion('the person', current.version, version, personFromRow(current));
    const res = await trx.deleteFrom('capacityPerson').where('id', '=', current.id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw lostRace('the person');
    await appendAudit(trx, ctx, { organisationId: current.organisationId, recordType: 'person', recordId: current.id, recordLabel: current.name, before: personFromRow(current), after: null });
  });
}

// Project demand

function sheetOf(projectId: string, role: Pick<CapacityRoleTable, 'id' | 'code' | 'name'>, row: ProjectDemandTable | undefined, plan: Record<string, number> | null = null): DemandSheet {
  const hours = row ? (JSON.parse(row.hours) as Record<string, number>) : {};
  return {
    projectId,
    roleId: role.id,
    roleCode: role.code,
    roleName: role.name,
    hours,
    plan,
    total: Object.values(plan ?? hours).reduce((s, h) => s + h, 0),
    note: row?.note ?? '',
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** The project's estimate for every role of the organisation (version 0 where there is none yet). */
export async function getProjectDemand(ctx: ServiceContext, projectId: string): Promise<ProjectDemand> {
  const path = await pathOfProject(ctx.db, projectId as ProjectId);
  authorize(ctx, 'read', path, 'project');
  const organisationId = path[0]!.id as OrganisationId;
  const [roles, rows] = await Promise.all([
    ctx.db.selectFrom('capacityRole').select(['id', 'code', 'name']).where('organisationId', '=', organisationId).orderBy('code').execute(),
    ctx.db.selectFrom('projectDemand').selectAll().where('projectId', '=', projectId as ProjectId).execute(),
  ]);
  const byRole = new Map(rows.map((r) => [r.roleId as string, r] as const));
  const plan = (await planDemandOf(ctx.db, [projectId as ProjectId])).get(projectId) ?? {};
  return { projectId, sheets: roles.map((r) => sheetOf(projectId, r, byRole.get(r.id), plan[r.id] ?? null)) };
}

/** Sets the project's hours for one role, month by month (the whole row; an empty row removes the estimate). */
export async function putProjectDemand(ctx: ServiceContext, projectId: string, roleId: string, input: DemandPut): Promise<DemandSheet> {
  const path = await pathOfProject(ctx.db, projectId as ProjectId);
  authorize(ctx, 'project:update', path, 'project');
  const organisationId = path[0]!.id as OrganisationId;
  const role = await ctx.db.selectFrom('capacityRole').select(['id', 'code', 'name']).where('id', '=', roleId as CapacityRoleId).where('organisationId', '=', organisationId).executeTakeFirst();
  if (!role) throw invalid([{ field: 'roleId', reason: 'is not a role of this organisation' }]);
  const hours = Object.fromEntries(Object.entries(input.hours).filter(([, h]) => h > 0).sort(([a], [b]) => a.localeCompare(b)));
  const project = (await ctx.db.selectFrom('project').select('code').where('id', '=', projectId as ProjectId).executeTakeFirst())!;
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('projectDemand').selectAll().where('projectId', '=', projectId as ProjectId).where('roleId', '=', role.id).executeTakeFirst();
    assertVersion(`the ${role.name} demand of ${project.code}`, current?.version ?? 0, input.version, sheetOf(projectId, role, current));
    const now = nowIso(ctx);
    const label = `${project.code} ${role.name} demand`;
    const auditOf = (r: ProjectDemandTable) => ({ hours: JSON.parse(r.hours) as unknown, note: r.note });
    if (Object.keys(hours).length === 0) {
      if (current) {
        await trx.deleteFrom('projectDemand').where('id', '=', current.id).execute();
        await appendAudit(trx, ctx, { organisationId, recordType: 'project-demand', recordId: current.id, recordLabel: label, before: auditOf(current), after: null });
      }
      return sheetOf(projectId, role, undefined);
    }
    let after: ProjectDemandTable;
    if (!current) {
      after = { id: newId<ProjectDemandId>(), organisationId, projectId: projectId as ProjectId, roleId: role.id, hours: JSON.stringify(hours), note: input.note, version: 1, createdAt: now, updatedAt: now };
      await trx.insertInto('projectDemand').values(after).execute();
    } else {
      after = { ...current, hours: JSON.stringify(hours), note: input.note, version: current.version + 1, updatedAt: now };
      const res = await trx.updateTable('projectDemand').set({ hours: after.hours, note: after.note, version: after.version, updatedAt: now }).where('id', '=', current.id).where('version', '=', current.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw lostRace(`the ${role.name} demand of ${project.code}`);
    }
    await appendAudit(trx, ctx, { organisationId, recordType: 'project-demand', recordId: after.id, recordLabel: label, before: current ? auditOf(current) : null, after: auditOf(after) });
    return sheetOf(projectId, role, after);
  });
}

/** Removes a project's demand (the project is being deleted), audited. */
export async function deleteDemandOf(trx: Db, ctx: ServiceContext, organisationId: OrganisationId, projectId: ProjectId): Promise<void> {
  const rows = await trx.selectFrom('projectDemand').selectAll().where('projectId', '=', projectId).execute();
  for (const r of rows) {
    await appendAudit(trx, ctx, { organisationId, recordType: 'project-demand', recordId: r.id, recordLabel: 'demand', before: { roleId: r.roleId, hours: JSON.parse(r.hours) as unknown, note: r.note }, after: null });
  }
  if (rows.length) await trx.deleteFrom('projectDemand').where('projectId', '=', projectId).execute();
}

// Demand against capacity

/** Every role of the organisation with its project hours month by month from `from` to `to`. */
export async function capacityOfRoles(db: Db, organisationId: OrganisationId, from: string, to: string) {
  const [roles, people] = await Promise.all([loadRoles(db, organisationId), db.selectFrom('capacityPerson').selectAll().where('organisationId', '=', organisationId).execute()]);
  return roles.map((r) => ({
    role: r,
    months: roleCapacity(
      {
        hoursPerFteMonth: r.hoursPerFteMonth,
        fteSteps: JSON.parse(r.fteSteps) as FteStep[],
        people: people
          .filter((p) => p.roleId === r.id)
          .map((p) => ({ id: p.id, fte: p.fte, nonProjectShare: p.nonProjectShare, fromMonth: p.fromMonth, toMonth: p.toMonth, absences: JSON.parse(p.absences) as { from: string; to: string }[] })),
      },
      from,
      to,
    ),
  }));
}

type DemandByProject = Map<string, Record<string, Record<string, number>>>;

/**
 * Each project's hours per role id and month: from its plan where a plan resource stands for the
 * role (the assignments are the better knowledge), otherwise its estimate.
 */
export async function demandOf(db: Db, projectIds: readonly ProjectId[]): Promise<DemandByProject> {
  const out: DemandByProject = new Map();
  if (projectIds.length === 0) return out;
  const [rows, plans] = await Promise.all([db.selectFrom('projectDemand').select(['projectId', 'roleId', 'hours']).where('projectId', 'in', projectIds).execute(), planDemandOf(db, projectIds)]);
  for (const r of rows) {
    const byRole = out.get(r.projectId) ?? {};
    byRole[r.roleId] = JSON.parse(r.hours) as Record<string, number>;
    out.set(r.projectId, byRole);
  }
  for (const [projectId, byRole] of plans) out.set(projectId, { ...out.get(projectId), ...byRole });
  return out;
}

/**
 * Hours each project's plan asks of each role, month by month: the work of every assignment on
 * a resource that stands for a role, spread evenly over its task's weekdays. Tasks not yet
 * scheduled are left out.
 */
export async function planDemandOf(db: Db, projectIds: readonly ProjectId[]): Promise<DemandByProject> {
  const out: DemandByProject = new Map();
  if (projectIds.length === 0) return out;
  const rows = await db
    .selectFrom('scheduleAssignment')
    .innerJoin('scheduleResource', 'scheduleResource.id', 'scheduleAssignment.resourceId')
    .innerJoin('scheduleTask', 'scheduleTask.id', 'scheduleAssignment.taskId')
    .select(['scheduleAssignment.projectId', 'scheduleResource.roleId', 'scheduleAssignment.workMinutes', 'scheduleTask.start', 'scheduleTask.finish'])
    .where('scheduleAssignment.projectId', 'in', projectIds)
    .where('scheduleResource.roleId', 'is not', null)
    .execute();
  for (const r of rows) {
    if (!r.start || !r.finish || !r.roleId || !(r.workMinutes > 0)) continue;
    const byRole = out.get(r.projectId) ?? {};
    const months = (byRole[r.roleId] ??= {});
    for (const [m, h] of Object.entries(spreadOverWeekdays(r.workMinutes / 60, r.start.slice(0, 10), r.finish.slice(0, 10)))) months[m] = (months[m] ?? 0) + h;
    out.set(r.projectId, byRole);
  }
  return out;
}

/**
 * Demand against capacity by role and month, for the whole organisation (roles are shared by
 * every portfolio). Demand counts the active and on-hold projects' estimates. Each cell names
 * the projects the reader can see (only one portfolio's with `portfolioId`) and sums the rest
 * as hidden hours, so totals never depend on who is looking.
 */
export async function capacityMap(ctx: ServiceContext, organisationId: OrganisationId, query: { from: string; to: string; portfolioId?: string }): Promise<CapacityMap> {
  await authorizeOrganisation(ctx, organisationId, 'read');
  const months = monthsBetween(query.from, query.to);
  const [capacities, open] = await Promise.all([
    capacityOfRoles(ctx.db, organisationId, query.from, query.to),
    ctx.db.selectFrom('project').select(['id', 'code', 'name', 'portfolioId']).where('organisationId', '=', organisationId).where('state', 'in', ['active', 'on-hold']).execute(),
  ]);
  const demand = await demandOf(
    ctx.db,
    open.map((p) => p.id),
  );
  const vis = await visibility(ctx, organisationId);
  const visibleCondition = projectVisibleCondition(vis);
  let visibleIds: Set<string> | null = null;
  if (visibleCondition) {
    const rows = await ctx.db.selectFrom('project').select('project.id').where('project.organisationId', '=', organisationId).where(visibleCondition).execute();
    visibleIds = new Set(rows.map((r) => r.id as string));
  }
  const projectInfo = new Map(open.map((p) => [p.id as string, { code: p.code, name: p.name, portfolioId: p.portfolioId as string }] as const));
  const cells: DemandCell[] = [];
  for (const [projectId, byRole] of demand) {
    for (const [roleId, months] of Object.entries(byRole)) for (const [month, hours] of Object.entries(months)) cells.push({ projectId, roleId, month, hours });
  }
  const heat = heatMap(
    capacities.map((c) => ({ roleId: c.role.id, months: c.months })),
    cells,
  );
  const byRole = new Map<string, typeof heat>();
  for (const cell of heat) {
    const list = byRole.get(cell.roleId) ?? [];
    list.push(cell);
    byRole.set(cell.roleId, list);
  }
  const inScope = (projectId: string) => (!visibleIds || visibleIds.has(projectId)) && (!query.portfolioId || projectInfo.get(projectId)?.portfolioId === query.portfolioId);
  const hotspots: CapacityMap['hotspots'] = [];
  const out = capacities.map(({ role, months: roleMonths }) => {
    const heatCells = byRole.get(role.id) ?? [];
    return {
      role: roleFromRow(role),
      fte: roleMonths.map((m) => m.fte),
      absenceHours: roleMonths.map((m) => m.absenceHours),
      nonProjectHours: roleMonths.map((m) => m.nonProjectHours),
      cells: heatCells.map((c) => {
        const named = c.projects.filter((p) => inScope(p.projectId));
        const visible = c.projects.filter((p) => !visibleIds || visibleIds.has(p.projectId));
        const utilisation = Number.isFinite(c.utilisation) ? c.utilisation : null;
        if (c.overBy > 1e-9) hotspots.push({ roleId: role.id, month: c.month, overBy: c.overBy, utilisation });
        return {
          month: c.month,
          capacity: c.capacity,
          demand: c.demand,
          portfolioDemand: query.portfolioId ? named.reduce((s, p) => s + p.hours, 0) : c.demand,
          utilisation,
          overBy: c.overBy,
          projects: named.map((p) => ({ projectId: p.projectId, hours: p.hours, ...projectInfo.get(p.projectId)! })),
          hiddenHours: Math.max(0, c.demand - visible.reduce((s, p) => s + p.hours, 0)) < 1e-9 ? 0 : c.demand - visible.reduce((s, p) => s + p.hours, 0),
        };
      }),
    };
  });
  hotspots.sort((a, b) => b.overBy - a.overBy || a.month.localeCompare(b.month));
  return { months, roles: out, hotspots };
}
