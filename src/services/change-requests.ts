import { sql } from 'kysely';
import { authorityFor, EDITABLE_STATUSES, STEP_RULES, stepProblem, stepsFrom, type AuthorityLevel, type ChangePolicy, type ChangeStep } from '../domain/change/index.js';
import { invalid, PharosError, type FieldIssue } from '../domain/errors.js';
import type { ChangeRequestId, ChangeStepId, OrganisationId, ProjectId, UserId } from '../domain/ids.js';
import { can } from '../domain/policy/index.js';
import type { ScopePath } from '../domain/policy/scope-path.js';
import type {
  ChangeForecast,
  ChangeListQuery,
  ChangeRequest,
  ChangeRequestCreate,
  ChangeRequestDetail,
  ChangeRequestPatch,
  ChangeStepInput,
  TaskChange,
} from '../api/schemas/change.schema.js';
import type { ChangeRequestTable } from '../store/schema.js';
import { authorize, pathOfProject } from './access.js';
import { appendAudit } from './audit.js';
import { applyTaskChanges, forecastChange, taskChangeIssues } from './change-impact.js';
import { loadChangePolicy } from './change-policy.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { containsText, pageOf, parseSort, seek, type SortColumn } from './listing.js';
import { listTarget, organisationScopes, scopeNode, scopesForList, todayOf, userNames, withFreshNumber } from './raid-common.js';
import { insertLogItem } from './raid-logs.js';
import { writeBaseline } from './schedule-baselines.js';
import { loadPlanData, recalculate, updateTasksById } from './schedule-data.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';

/**
 * Change requests: raised on a project, submitted, assessed (the impact on cost, schedule,
 * scope, benefits and risk, and the board that must decide, by the PMO's thresholds), decided
 * by that board, and implemented. Approval changes the budget and the plan in one transaction
 * and saves the new plan as a baseline; every step is kept with who took it and why, every
 * board decision goes to the decision log, and everything to the audit trail.
 */

type Row = ChangeRequestTable;
const ref = (row: Pick<Row, 'number'>) => `CR-${row.number}`;
const JSON_COLUMNS = new Set(['taskChanges', 'links']);
const IMPACT_FIELDS = ['costImpact', 'scheduleImpactDays', 'taskChanges', 'scopeImpact', 'benefitsImpact', 'riskImpact', 'links'] as const;

type ProjectFacts = { id: ProjectId; organisationId: OrganisationId; code: string; name: string; budget: number | null; programmeId: string | null; version: number; path: ScopePath };

async function projectFacts(db: Db, projectId: string): Promise<ProjectFacts | null> {
  const path = await pathOfProject(db, projectId as ProjectId);
  if (!path) return null;
  const p = await db.selectFrom('project').select(['id', 'organisationId', 'code', 'name', 'budget', 'programmeId', 'version']).where('id', '=', projectId as ProjectId).executeTakeFirstOrThrow();
  return { ...p, path };
}

/** The scope whose board decides at `level`: the project itself, the programme that holds it, or its portfolio. */
export function boardPath(projectPath: ScopePath, level: AuthorityLevel): ScopePath {
  if (level === 'project') return projectPath;
  if (level === 'programme' && projectPath[projectPath.length - 2]?.type === 'programme') return projectPath.slice(0, -1);
  return projectPath.slice(0, 2);
}

const mayAct = (ctx: ServiceContext, action: Parameters<typeof can>[1], path: ScopePath) => ctx.actor.system || can(ctx.actor.grants, action, path);

/** Why the actor may not take `step` on the request, or null. */
function stepRefusal(ctx: ServiceContext, row: Row, step: ChangeStep, path: ScopePath, policy: ChangePolicy): string | null {
  const rule = STEP_RULES[step];
  const own = ctx.actor.userId !== null && ctx.actor.userId === row.requestedBy;
  if (rule.by === 'raiser') return (own && mayAct(ctx, 'change:raise', path)) || mayAct(ctx, 'change:manage', path) ? null : `only the person who raised ${ref(row)} or a project manager may ${step} it`;
  if (rule.by === 'manager') return mayAct(ctx, 'change:manage', path) ? null : `your roles do not allow change:manage on this project, which ${step} needs`;
  const level = row.authority ?? 'portfolio';
  const board = boardPath(path, level);
  if (!mayAct(ctx, 'change:approve', board)) return `${ref(row)} needs the ${level} board: change:approve held on the ${board[board.length - 1]!.type} or above, which your roles do not give`;
  if (own && !policy.selfApproval && !ctx.actor.system) return `you raised ${ref(row)}, and the PMO’s policy keeps raising and deciding apart; another approver must decide`;
  return null;
}

function allowedSteps(ctx: ServiceContext, row: Row, path: ScopePath, policy: ChangePolicy): ChangeStep[] {
  return stepsFrom(row.status).filter((s) => stepRefusal(ctx, row, s, path, policy) === null);
}

function view(ctx: ServiceContext, row: Row, project: Pick<ProjectFacts, 'code' | 'name' | 'path'>, names: Map<string, string>, policy: ChangePolicy): ChangeRequest {
  return {
    ...row,
    ref: ref(row),
    projectCode: project.code,
    projectName: project.name,
    requestedByName: names.get(row.requestedBy) ?? '',
    taskChanges: JSON.parse(row.taskChanges) as ChangeRequest['taskChanges'],
    links: JSON.parse(row.links) as ChangeRequest['links'],
    allowedSteps: allowedSteps(ctx, row, project.path, policy),
  };
}

async function load(ctx: ServiceContext, db: Db, id: string, action: 'read' | 'change:raise'): Promise<{ row: Row; project: ProjectFacts }> {
  const row = await db.selectFrom('changeRequest').selectAll().where('id', '=', id as ChangeRequestId).executeTakeFirst();
  const project = row ? await projectFacts(db, row.projectId) : null;
  authorize(ctx, 'read', project?.path ?? null, 'change request');
  if (action !== 'read') authorize(ctx, action, project!.path, 'change request');
  return { row: row!, project: project! };
}

/** Links must name items of the organisation. */
async function checkLinks(db: Db, organisationId: OrganisationId, links: readonly { type: string; id: string }[]): Promise<FieldIssue[]> {
  const tables = { risk: 'raidRisk', issue: 'raidIssue', assumption: 'raidAssumption', dependency: 'raidDependency', decision: 'raidDecision' } as const;
  const issues: FieldIssue[] = [];
  for (const [n, l] of links.entries()) {
    const found = await db.selectFrom(tables[l.type as keyof typeof tables]).select('id').where('id', '=', l.id as never).where('organisationId', '=', organisationId).executeTakeFirst();
    if (!found) issues.push({ field: `links.${n}.id`, reason: `is not a ${l.type} of this organisation` });
  }
  return issues;
}

/** Checks the impact against the plan and works out the schedule impact from the task changes, if any. */
async function settleImpact(db: Db, projectId: ProjectId, next: { taskChanges: TaskChange[]; scheduleImpactDays: number; links: { type: string; id: string }[] }, organisationId: OrganisationId): Promise<number> {
  const data = next.taskChanges.length ? await loadPlanData(db, projectId) : null;
  const issues = [...taskChangeIssues(data, next.taskChanges), ...(await checkLinks(db, organisationId, next.links))];
  if (issues.length) throw invalid(issues);
  return data ? forecastChange(data, next.taskChanges).scheduleImpactDays : next.scheduleImpactDays;
}

export async function createChangeRequest(ctx: ServiceContext, input: ChangeRequestCreate): Promise<ChangeRequestDetail> {
  const project = await projectFacts(ctx.db, input.projectId);
  if (!project) throw invalid([{ field: 'projectId', reason: 'is not a project' }]);
  authorize(ctx, 'change:raise', project.path, 'project');
  if (ctx.actor.userId === null) throw new PharosError('forbidden', 'a change request is raised by a person; sign in as one');
  const scheduleImpactDays = await settleImpact(ctx.db, project.id, input, project.organisationId);
  const id = await withFreshNumber(() =>
    ctx.db.transaction().execute(async (trx) => {
      const max = await trx.selectFrom('changeRequest').select(sql<number | null>`max(${sql.ref('number')})`.as('n')).where('organisationId', '=', project.organisationId).executeTakeFirst();
      const now = nowIso(ctx);
      const row: Row = {
        id: newId<ChangeRequestId>(),
        organisationId: project.organisationId,
        projectId: project.id,
        number: Number(max?.n ?? 0) + 1,
        title: input.title,
        description: input.description,
        reason: input.reason,
        requestedBy: ctx.actor.userId!,
        status: 'draft',
        costImpact: input.costImpact,
        scheduleImpactDays,
        taskChanges: JSON.stringify(input.taskChanges),
        scopeImpact: input.scopeImpact,
        benefitsImpact: input.benefitsImpact,
        riskImpact: input.riskImpact,
        links: JSON.stringify(input.links),
        authority: null,
        authorityReason: null,
        budgetBefore: null,
        budgetAfter: null,
        baselineNumber: null,
        decisionId: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await trx.insertInto('changeRequest').values(row).execute();
      await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'change-request', recordId: row.id, recordLabel: `${ref(row)} ${row.title}`, before: null, after: row });
      return row.id;
    }),
  );
  return getChangeRequest(ctx, id);
}

export async function getChangeRequest(ctx: ServiceContext, id: string): Promise<ChangeRequestDetail> {
  const { row, project } = await load(ctx, ctx.db, id, 'read');
  const [{ policy }, names, steps] = await Promise.all([
    loadChangePolicy(ctx.db, row.organisationId),
    userNames(ctx.db, [row.requestedBy]),
    ctx.db.selectFrom('changeRequestStep').select(['id', 'step', 'fromStatus', 'toStatus', 'actorName', 'note', 'at']).where('changeRequestId', '=', row.id).orderBy('at').orderBy('id').execute(),
  ]);
  return { ...view(ctx, row, project, names, policy), steps };
}

/**
 * Edits a request. A draft can be edited by whoever raised it or a project manager; once
 * submitted, only its impact (by a manager, while assessing it or after a deferral). After
 * a decision nothing changes but the workflow.
 */
export async function updateChangeRequest(ctx: ServiceContext, id: string, patch: ChangeRequestPatch): Promise<ChangeRequestDetail> {
  const { row, project } = await load(ctx, ctx.db, id, 'change:raise');
  const { policy } = await loadChangePolicy(ctx.db, row.organisationId);
  const { version, ...fields } = patch;
  const changes = definedOnly(fields) as Partial<ChangeRequestPatch>;
  const assessing = row.status === 'submitted' || row.status === 'deferred';
  if (EDITABLE_STATUSES.includes(row.status)) {
    const refusal = stepRefusal(ctx, row, 'submit', project.path, policy);
    if (refusal) throw new PharosError('forbidden', refusal.replace('submit', 'edit'));
  } else if (assessing) {
    if (!mayAct(ctx, 'change:manage', project.path)) throw new PharosError('forbidden', `${ref(row)} is ${row.status}; only a project manager assessing it may change its impact`);
    const locked = Object.keys(changes).filter((k) => !(IMPACT_FIELDS as readonly string[]).includes(k));
    if (locked.length) throw invalid(locked.map((field) => ({ field, reason: `is fixed once the request is submitted (it is ${row.status}); withdraw it to draft to change it` })));
  } else {
    throw new PharosError('invalid-transition', `status: ${ref(row)} is ${row.status}; a decided request is not edited`, { issues: [{ field: 'status', reason: `is ${row.status}; a decided request is not edited` }] });
  }
  const next = { ...row, ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, JSON_COLUMNS.has(k) ? JSON.stringify(v) : v])) } as Row;
  const taskChanges = JSON.parse(next.taskChanges) as TaskChange[];
  next.scheduleImpactDays = await settleImpact(ctx.db, project.id, { taskChanges, scheduleImpactDays: next.scheduleImpactDays, links: JSON.parse(next.links) as { type: string; id: string }[] }, row.organisationId);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('changeRequest').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    assertVersion(ref(row), current.version, version, null);
    const { id: _i, organisationId: _o, createdAt: _c, ...values } = next;
    const res = await trx.updateTable('changeRequest').set({ ...values, version: version + 1, updatedAt: nowIso(ctx) }).where('id', '=', row.id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace(ref(row));
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'change-request', recordId: row.id, recordLabel: `${ref(row)} ${next.title}`, before: current, after: { ...next, version: version + 1 } });
  });
  return getChangeRequest(ctx, id);
}

/** Deletes a draft raised in error (a submitted request stays: withdraw it, or let the board reject it). */
export async function deleteChangeRequest(ctx: ServiceContext, id: string, version: number): Promise<void> {
  const { row, project } = await load(ctx, ctx.db, id, 'change:raise');
  const { policy } = await loadChangePolicy(ctx.db, row.organisationId);
  if (row.status !== 'draft') throw new PharosError('invalid-transition', `status: ${ref(row)} is ${row.status}; only a draft can be deleted`, { issues: [{ field: 'status', reason: `is ${row.status}; only a draft can be deleted` }] });
  const refusal = stepRefusal(ctx, row, 'submit', project.path, policy);
  if (refusal) throw new PharosError('forbidden', refusal.replace('submit', 'delete'));
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('changeRequest').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    assertVersion(ref(row), current.version, version, null);
    await trx.deleteFrom('changeRequestStep').where('changeRequestId', '=', row.id).execute();
    await trx.deleteFrom('changeRequest').where('id', '=', row.id).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'change-request', recordId: row.id, recordLabel: `${ref(row)} ${row.title}`, before: current, after: null });
  });
}

/** What the plan would do with the request's task changes made now. */
export async function forecastChangeRequest(ctx: ServiceContext, id: string): Promise<ChangeForecast> {
  const { row } = await load(ctx, ctx.db, id, 'read');
  const data = await loadPlanData(ctx.db, row.projectId);
  const changes = JSON.parse(row.taskChanges) as TaskChange[];
  const issues = taskChangeIssues(data, changes);
  if (issues.length) throw invalid(issues);
  if (!data) return { finishBefore: null, finishAfter: null, scheduleImpactDays: row.scheduleImpactDays };
  return forecastChange(data, changes);
}

/** Takes a workflow step. Each is checked against the status, the caller's roles and the board, then recorded. */
export async function takeChangeStep(ctx: ServiceContext, id: string, input: ChangeStepInput): Promise<ChangeRequestDetail> {
  const { row: seen } = await load(ctx, ctx.db, id, 'read');
  const run = () =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('changeRequest').selectAll().where('id', '=', seen.id).executeTakeFirstOrThrow();
      const project = (await projectFacts(trx, row.projectId))!;
      const { policy } = await loadChangePolicy(trx, row.organisationId);
      const problem = stepProblem(row.status, input.step);
      if (problem) throw new PharosError('invalid-transition', `status: ${ref(row)} ${problem}`, { issues: [{ field: 'status', reason: problem }] });
      const refusal = stepRefusal(ctx, row, input.step, project.path, policy);
      if (refusal) throw new PharosError('forbidden', refusal, { extensions: { step: input.step } });
      assertVersion(ref(row), row.version, input.version, null);
      const rule = STEP_RULES[input.step];
      if (rule.needsNote && input.note.trim() === '') throw invalid([{ field: 'note', reason: `must say why the request is ${rule.to}` }]);
      const next: Row = { ...row, status: rule.to };
      let note = input.note;
      if (input.step === 'submit') requireText(row, ['description', 'reason'], 'before it is submitted');
      if (input.step === 'assess' || input.step === 'reassess') {
        requireText(row, ['scopeImpact', 'benefitsImpact', 'riskImpact'], 'to assess it (write "none" where there is none)');
        next.scheduleImpactDays = await settleImpact(trx, project.id, { taskChanges: JSON.parse(row.taskChanges) as TaskChange[], scheduleImpactDays: row.scheduleImpactDays, links: JSON.parse(row.links) as { type: string; id: string }[] }, row.organisationId);
        const authority = authorityFor(policy, { costImpact: row.costImpact, scheduleImpactDays: next.scheduleImpactDays, budget: project.budget }, project.path[project.path.length - 2]?.type === 'programme');
        next.authority = authority.level;
        next.authorityReason = authority.reason;
        note = note || `Goes to the ${authority.level} board: ${authority.reason}.`;
      }
      if (input.step === 'approve') Object.assign(next, await applyApproval(trx, ctx, row, project, input.baselineNumber));
      next.decisionId = await recordInDecisionLog(trx, ctx, row, next, project, input.step, note);
      const now = nowIso(ctx);
      const res = await trx
        .updateTable('changeRequest')
        .set({ status: next.status, scheduleImpactDays: next.scheduleImpactDays, authority: next.authority, authorityReason: next.authorityReason, budgetBefore: next.budgetBefore, budgetAfter: next.budgetAfter, baselineNumber: next.baselineNumber, decisionId: next.decisionId, version: row.version + 1, updatedAt: now })
        .where('id', '=', row.id)
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw lostRace(ref(row));
      await trx
        .insertInto('changeRequestStep')
        .values({ id: newId<ChangeStepId>(), organisationId: row.organisationId, changeRequestId: row.id, step: input.step, fromStatus: row.status, toStatus: rule.to, actorId: ctx.actor.userId, actorName: ctx.actor.name, note, at: now })
        .execute();
      await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'change-request', recordId: row.id, recordLabel: `${ref(row)} ${row.title}`, before: row, after: { ...next, version: row.version + 1, step: input.step, note } });
    });
  // Approval and decisions number a decision log entry: retry when two arrive at once.
  await withFreshNumber(run);
  return getChangeRequest(ctx, id);
}

function requireText(row: Row, fields: readonly ('description' | 'reason' | 'scopeImpact' | 'benefitsImpact' | 'riskImpact')[], when: string): void {
  const missing = fields.filter((f) => row[f].trim() === '');
  if (missing.length) throw invalid(missing.map((field) => ({ field, reason: `must be written ${when}` })));
}

/**
 * What approval does, inside the step's transaction: the task changes made to the plan (the
 * plan recalculated), the budget moved by the cost impact, and the plan saved as a baseline.
 * A plan that changed so the task changes no longer fit is refused: reassess first.
 */
async function applyApproval(trx: Db, ctx: ServiceContext, row: Row, project: ProjectFacts, baselineNumber: number | undefined): Promise<Pick<Row, 'budgetBefore' | 'budgetAfter' | 'baselineNumber'>> {
  const label = `${ref(row)} ${row.title}`;
  // The budget first: a cost impact that would make it negative refuses the approval.
  let budgetAfter = project.budget;
  if (row.costImpact !== 0 && project.budget !== null) {
    budgetAfter = project.budget + row.costImpact;
    if (budgetAfter < 0) throw invalid([{ field: 'costImpact', reason: `would take the budget below zero (it is ${project.budget}); reassess the request` }]);
    const res = await trx.updateTable('project').set({ budget: budgetAfter, version: project.version + 1, updatedAt: nowIso(ctx) }).where('id', '=', project.id).where('version', '=', project.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace(`project ${project.code}`);
    await appendAudit(trx, ctx, { organisationId: project.organisationId, recordType: 'project', recordId: project.id, recordLabel: `${project.code} ${project.name}`, before: { budget: project.budget, version: project.version }, after: { budget: budgetAfter, version: project.version + 1, changeRequest: ref(row) } });
  }
  const data = await loadPlanData(trx, project.id, true);
  if (!data || data.tasks.length === 0) return { budgetBefore: project.budget, budgetAfter, baselineNumber: null };
  const changes = JSON.parse(row.taskChanges) as TaskChange[];
  const issues = taskChangeIssues(data, changes);
  if (issues.length) throw invalid(issues.map((i) => ({ field: i.field, reason: `${i.reason} (the plan changed since the request was assessed; reassess it)` })));
  if (changes.length) {
    const changed = applyTaskChanges(data, changes);
    const now = nowIso(ctx);
    for (const c of changed) {
      c.row.version += 1;
      c.row.updatedAt = now;
    }
    const columns = [
      { name: 'duration_minutes', type: 'integer' },
      { name: 'version', type: 'integer' },
      { name: 'updated_at', type: 'text' },
    ] as const;
    await updateTasksById(trx, columns, changed.map((c) => c.row.id), (i) => [changed[i]!.row.durationMinutes, changed[i]!.row.version, changed[i]!.row.updatedAt]);
    for (const c of changed) {
      await appendAudit(trx, ctx, { organisationId: project.organisationId, recordType: 'schedule-task', recordId: c.row.id, recordLabel: c.row.name, before: { durationMinutes: c.before }, after: { durationMinutes: c.row.durationMinutes, changeRequest: ref(row) } });
    }
    await recalculate(trx, ctx, project.id, {}, data);
  }
  const taken = new Set((await trx.selectFrom('scheduleBaseline').select('number').where('projectId', '=', project.id).execute()).map((b) => b.number));
  const number = baselineNumber ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].find((n) => !taken.has(n));
  if (number === undefined) throw invalid([{ field: 'baselineNumber', reason: 'baselines 1–10 are all saved; name the one the approved plan should replace' }]);
  await writeBaseline(trx, ctx, project, project.id, data, number, { name: label.slice(0, 200), replace: true });
  return { budgetBefore: project.budget, budgetAfter, baselineNumber: number };
}

/**
 * Every step lands in the project's decision log, in one entry per request: submitting opens
 * it (the question the board must answer, its options, the impact), each later step adds a
 * dated line to it, approval, rejection or deferral decides it, a reassessment reopens it and
 * a withdrawal supersedes it. Each change of the entry is audited. Returns the entry's id.
 */
async function recordInDecisionLog(trx: Db, ctx: ServiceContext, row: Row, next: Row, project: ProjectFacts, step: ChangeStep, note: string): Promise<string | null> {
  const deciding = step === 'approve' || step === 'reject' || step === 'defer';
  const existing = row.decisionId ? await trx.selectFrom('raidDecision').selectAll().where('id', '=', row.decisionId).executeTakeFirst() : undefined;
  if (!existing) {
    if (step === 'submit' || deciding) return logDecision(trx, ctx, row, project, step === 'submit' ? null : step, note);
    return row.decisionId;
  }
  const line = `${todayOf(ctx)} ${ctx.actor.name}: ${STEP_WORDS[step]}${note ? ` (${note})` : ''}.`;
  const level = next.authority ?? row.authority ?? 'portfolio';
  const outcome = { approve: 'Approved', reject: 'Rejected', defer: 'Deferred' } as const;
  const patch: Partial<typeof existing> = { description: `${existing.description}\n${line}`.slice(-10_000) };
  if (deciding) {
    Object.assign(patch, { status: 'decided', decision: `${outcome[step as keyof typeof outcome]} ${ref(row)}`, rationale: note || next.authorityReason || `${outcome[step as keyof typeof outcome]} by the ${level} board`, decidedBy: `${ctx.actor.name} for the ${level} board`, decidedOn: todayOf(ctx) });
  } else if (step === 'reassess' || step === 'submit') {
    Object.assign(patch, { status: 'open', decision: '', rationale: '', decidedBy: '', decidedOn: null });
  } else if (step === 'withdraw') {
    Object.assign(patch, { status: 'superseded', decision: `Withdrawn: ${ref(row)}`, rationale: note, decidedBy: ctx.actor.name, decidedOn: todayOf(ctx) });
  }
  const now = nowIso(ctx);
  await trx.updateTable('raidDecision').set({ ...patch, version: existing.version + 1, updatedAt: now }).where('id', '=', existing.id).execute();
  await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'decision', recordId: existing.id, recordLabel: `D-${existing.number} ${existing.title}`, before: existing, after: { ...existing, ...patch, version: existing.version + 1, updatedAt: now } });
  return existing.id;
}

/** How a step reads in the decision log. */
const STEP_WORDS: Record<ChangeStep, string> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  assess: 'assessed',
  reassess: 'sent back for reassessment',
  approve: 'approved',
  reject: 'rejected',
  defer: 'deferred',
  implement: 'implemented',
};

/** The board's decision, written to the project's decision log, linked to the request and its items. */
async function logDecision(trx: Db, ctx: ServiceContext, row: Row, project: ProjectFacts, step: 'approve' | 'reject' | 'defer' | null, note: string): Promise<string> {
  const scope = await scopeNode({ ...ctx, db: trx }, 'project', project.id);
  const level = row.authority ?? 'portfolio';
  const outcome = step === null ? null : { approve: 'Approved', reject: 'Rejected', defer: 'Deferred' }[step];
  const impact = [`cost ${row.costImpact >= 0 ? '+' : ''}${row.costImpact} (minor units)`, `finish ${row.scheduleImpactDays >= 0 ? '+' : ''}${row.scheduleImpactDays} working days`].join(', ');
  return insertLogItem(trx, ctx, 'decision', scope, {
    scopeType: 'project',
    scopeId: project.id,
    title: `${ref(row)}: ${row.title}`.slice(0, 200),
    description: `${row.description}\n\nReason: ${row.reason}\nImpact: ${impact}.\n${todayOf(ctx)} ${ctx.actor.name}: ${step === null ? 'submitted' : STEP_WORDS[step]}${note ? ` (${note})` : ''}.`.slice(0, 10_000),
    ownerId: (ctx.actor.userId as UserId | null) ?? null,
    due: null,
    escalate: false,
    options: ['Approve', 'Reject', 'Defer'],
    links: [...(JSON.parse(row.links) as { type: string; id: string }[]), { type: 'change-request', id: row.id }],
    ...(outcome === null
      ? { status: 'open' }
      : { status: 'decided', decision: `${outcome} ${ref(row)}`, rationale: note || row.authorityReason || `${outcome} by the ${level} board`, decidedBy: `${ctx.actor.name} for the ${level} board`, decidedOn: todayOf(ctx) }),
  } as never);
}

/** The requests of every project inside a level, newest first by default. */
export async function listChangeRequests(ctx: ServiceContext, query: ChangeListQuery): Promise<{ items: ChangeRequest[]; nextCursor: string | null }> {
  const target = await listTarget(ctx, query.scopeType, query.scopeId);
  const scopes = await organisationScopes(ctx.db, target.organisationId);
  const { own, below } = scopesForList(ctx, scopes, target.path);
  const projectIds = [...own, ...below].filter((id) => scopes.get(id)?.type === 'project');
  if (projectIds.length === 0) return { items: [], nextCursor: null };
  let q = ctx.db.selectFrom('changeRequest').selectAll().where('changeRequest.organisationId', '=', target.organisationId).where('changeRequest.projectId', 'in', projectIds as ProjectId[]);
  if (query.status) q = q.where('changeRequest.status', '=', query.status);
  if (query.awaiting) q = q.where('changeRequest.status', '=', 'assessed').where('changeRequest.authority', '=', query.awaiting);
  if (query.q) q = q.where(containsText(['changeRequest.title', 'changeRequest.description'], query.q));
  const sort = parseSort(query.sort);
  const sorts: Record<string, SortColumn> = {
    ref: { column: 'changeRequest.number', text: false },
    title: { column: 'changeRequest.title', text: true },
    updatedAt: { column: 'changeRequest.updatedAt', text: true },
  };
  const sortColumn = sorts[sort.key]!;
  const rows = (await seek(q.select(sql<unknown>`${sql.ref(sortColumn.column)}`.as('sortValue')) as never, { table: 'changeRequest', sortColumn, sort, sortName: query.sort, cursor: query.cursor, limit: query.limit, dialect: ctx.dialect }).execute()) as (Row & { sortValue: unknown })[];
  const page = pageOf(rows, { limit: query.limit, sortName: query.sort, sortColumn, sort, valueOf: (r) => r.sortValue });
  const [{ policy }, names] = await Promise.all([loadChangePolicy(ctx.db, target.organisationId), userNames(ctx.db, page.rows.map((r) => r.requestedBy))]);
  return {
    items: page.rows.map(({ sortValue: _s, ...r }) => {
      const node = scopes.get(r.projectId)!;
      return view(ctx, r, { code: node.code, name: node.name, path: node.path }, names, policy);
    }),
    nextCursor: page.nextCursor,
  };
}

/** Deletes the requests of a project being deleted, audited. */
export async function deleteChangeRequestsOf(trx: Db, ctx: ServiceContext, organisationId: OrganisationId, projectId: ProjectId): Promise<void> {
  const rows = await trx.selectFrom('changeRequest').selectAll().where('projectId', '=', projectId).execute();
  for (const row of rows) await appendAudit(trx, ctx, { organisationId, recordType: 'change-request', recordId: row.id, recordLabel: `${ref(row)} ${row.title}`, before: row, after: null });
  if (rows.length) {
    await trx.deleteFrom('changeRequestStep').where('changeRequestId', 'in', rows.map((r) => r.id)).execute();
    await trx.deleteFrom('changeRequest').where('projectId', '=', projectId).execute();
  }
}
