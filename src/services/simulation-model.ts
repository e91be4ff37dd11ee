import { invalid, PharosError } from '../domain/errors.js';
import type { ProjectId } from '../domain/ids.js';
import type { RiskQuantification } from '../domain/raid/risk-rules.js';
import { compileModel } from '../domain/risk/compile.js';
import { riskModelFromSchedule } from '../domain/risk/from-schedule.js';
import type { CorrelationGroup, Estimate, RiskEvent, RiskModel, RiskTask } from '../domain/risk/types.js';
import type { CalendarDefinition } from '../domain/schedule/calendar-types.js';
import { ClockSet } from '../domain/schedule/clocks.js';
import { formatLocalDateTime, MINUTES_PER_DAY, parseLocalDateTime } from '../domain/schedule/local-time.js';
import { outlineOf } from '../domain/schedule/outline.js';
import type { SimulationOptionsStored } from '../api/schemas/simulation.schema.js';
import type { Db } from './context.js';
import { taskCosts } from './schedule-baselines.js';
import { calendarDefinition, engineInput, loadPlanData } from './schedule-data.js';

/**
 * Builds a project's simulation model from its current plan and its risk register, and turns
 * the model's working days back into calendar dates.
 *
 * The plan: each active work task (summaries left out, their links carried down) with its
 * remaining duration spread by the band; its cost the task's fixed cost plus its assignments'
 * work at their rates, the work part growing with the sampled duration. The register: each
 * open risk of the project with a quantification becomes a risk event with its probability,
 * its days on named tasks and its cost (an opportunity's days and cost count against them).
 */

/** Tasks in one correlation group at most: Iman–Conover needs far fewer variables than the 250 iterations of a block. */
export const MAX_CORRELATION_GROUP = 50;

/** What turns the model back into the plan's terms, stored with the run. */
export type SimulationContext = {
  /** `YYYY-MM-DDTHH:MM:SS`: where working day 0 begins. */
  readonly origin: string;
  readonly minutesPerDay: number;
  readonly calendars: readonly CalendarDefinition[];
  readonly projectCalendar: string;
  readonly currency: string;
  /** Task id → its outline number and name. */
  readonly taskNames: Readonly<Record<string, string>>;
  readonly risks: readonly { readonly riskId: string; readonly ref: string; readonly title: string; readonly probability: number }[];
  readonly notes: readonly string[];
};

export type BuiltModel = { model: RiskModel; context: SimulationContext; planRevision: number };

const negate = (t: { min: number; mode: number; max: number }) => ({ min: -t.max, mode: -t.mode, max: -t.min });

/** Splits `ids` into groups of at most {@link MAX_CORRELATION_GROUP}, none of one task. */
function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  const count = Math.ceil(ids.length / MAX_CORRELATION_GROUP);
  for (let g = 0; g < count; g++) out.push(ids.slice(Math.floor((g * ids.length) / count), Math.floor(((g + 1) * ids.length) / count)));
  return out.filter((g) => g.length >= 2);
}

/**
 * The model of project `projectId` as its plan and register stand. Refuses (validation, naming
 * the field) a project with nothing to simulate, and (cycle, naming the tasks) a plan whose
 * links loop.
 */
export async function buildSimulationModel(db: Db, projectId: ProjectId, options: SimulationOptionsStored): Promise<BuiltModel> {
  const data = await loadPlanData(db, projectId);
  if (!data || data.tasks.length === 0) throw invalid([{ field: 'plan', reason: 'has no tasks: add tasks to the schedule before simulating it' }]);
  const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
  const input = engineInput(data, facts);
  const notes: string[] = [];
  const mapped = riskModelFromSchedule(input, { minutesPerDay: data.plan.minutesPerDay, band: options.band });
  notes.push(...mapped.notes);
  if (mapped.model.tasks.length === 0) throw invalid([{ field: 'plan', reason: 'has no active work tasks to simulate' }]);
  const byId = new Map(data.tasks.map((t, i) => [t.id as string, { row: t, i }]));
  const inModel = new Set(mapped.model.tasks.map((t) => t.id));

  // Costs: fixed cost as is; work at its rates per sampled day. A summary's own fixed cost goes to its first task.
  const costs = taskCosts(data);
  const extra = new Map<string, number>();
  data.tasks.forEach((t, i) => {
    if (!facts.summary[i] || t.inactive || Number(t.fixedCost) === 0) return;
    const first = data.tasks.slice(i + 1).find((d) => inModel.has(d.id) && facts.wbs[data.tasks.indexOf(d)]!.startsWith(`${facts.wbs[i]}.`));
    if (first) extra.set(first.id, (extra.get(first.id) ?? 0) + Number(t.fixedCost));
  });
  const tasks: RiskTask[] = mapped.model.tasks.map((t) => {
    const row = byId.get(t.id)!.row;
    const fixed = Number(row.fixedCost) + (extra.get(t.id) ?? 0);
    const work = (costs.get(t.id) ?? 0) - Number(row.fixedCost);
    const unit = row.elapsed ? MINUTES_PER_DAY : data.plan.minutesPerDay;
    const totalDays = row.durationMinutes / unit;
    const leftDays = row.actualFinish !== null ? 0 : Math.max(0, row.remainingMinutes ?? (row.durationMinutes * (100 - row.percentComplete)) / 100) / unit;
    const perDay = work > 0 && totalDays > 0 ? work / totalDays : 0;
    // The work already done is spent: a fixed amount; the rest moves with the duration.
    const spent = perDay * Math.max(0, totalDays - leftDays);
    const fixedTotal = fixed + spent;
    const cost: Estimate | undefined = fixedTotal !== 0 ? { dist: 'fixed', mode: fixedTotal } : undefined;
    return { ...t, ...(cost ? { cost } : {}), ...(perDay > 0 ? { costPerDay: perDay } : {}) };
  });

  // Correlation: tasks under the same summary move together.
  const correlations: CorrelationGroup[] = [];
  if (options.correlation > 0) {
    const byParent = new Map<string, string[]>();
    for (const t of tasks) {
      const key = byId.get(t.id)!.row.parentId ?? '';
      byParent.set(key, [...(byParent.get(key) ?? []), t.id]);
    }
    for (const ids of byParent.values()) for (const g of chunks(ids)) correlations.push({ tasks: g, rho: options.correlation });
    if ([...byParent.values()].some((ids) => ids.length > MAX_CORRELATION_GROUP)) notes.push(`summaries with more than ${MAX_CORRELATION_GROUP} tasks are correlated in groups of at most ${MAX_CORRELATION_GROUP}`);
  }

  // The register: open risks of the project with a quantification.
  const rows = await db.selectFrom('raidRisk').select(['id', 'number', 'title', 'kind', 'quantification']).where('scopeType', '=', 'project').where('scopeId', '=', projectId).where('status', '=', 'open').where('quantification', 'is not', null).orderBy('number').execute();
  const finishOf = (id: string) => byId.get(id)?.row.finish ?? '';
  const leafFor = (taskId: string): string | null => {
    if (inModel.has(taskId)) return taskId;
    const at = byId.get(taskId);
    if (!at || !facts.summary[at.i]) return null;
    // An impact on a summary lands on the task under it that finishes last (it drives the summary's finish).
    const under = data.tasks.filter((d, k) => k > at.i && inModel.has(d.id) && facts.wbs[k]!.startsWith(`${facts.wbs[at.i]}.`));
    return under.reduce<string | null>((best, d) => (best === null || finishOf(d.id) >= finishOf(best) ? d.id : best), null);
  };
  const risks: RiskEvent[] = [];
  const riskInfo: SimulationContext['risks'][number][] = [];
  for (const r of rows) {
    const q = JSON.parse(r.quantification!) as RiskQuantification;
    const ref = `R-${r.number}`;
    const sign = r.kind === 'opportunity' ? negate : (x: { min: number; mode: number; max: number }) => x;
    const impacts = [];
    for (const s of q.schedule) {
      const leaf = leafFor(s.taskId);
      const row = byId.get(s.taskId)?.row;
      if (!leaf) {
        notes.push(`${ref}: an impact on ${row ? `"${row.name}", which is inactive or has nothing left to do,` : 'a task no longer in the plan'} is left out`);
        continue;
      }
      if (leaf !== s.taskId) notes.push(`${ref}: the impact on summary "${row!.name}" applies to "${byId.get(leaf)!.row.name}", the task under it that finishes last`);
      if (byId.get(leaf)!.row.actualFinish) {
        notes.push(`${ref}: the impact on "${byId.get(leaf)!.row.name}" is left out: the task is complete`);
        continue;
      }
      impacts.push({ task: leaf, ...sign(s) });
    }
    if (impacts.length === 0 && !q.cost) {
      notes.push(`${ref}: nothing to simulate (no impact on a task of the plan and no cost)`);
      continue;
    }
    risks.push({ id: ref, name: r.title, probability: q.probability, ...(impacts.length ? { impacts } : {}), ...(q.cost ? { cost: sign(q.cost) } : {}) });
    riskInfo.push({ riskId: r.id, ref, title: r.title, probability: q.probability });
  }

  const model: RiskModel = { tasks, ...(risks.length ? { risks } : {}), ...(correlations.length ? { correlations } : {}) };
  const taskNames = Object.fromEntries(tasks.map((t) => [t.id, t.name ?? t.id]));
  try {
    compileModel(model);
  } catch (e) {
    if (e instanceof PharosError && e.code === 'cycle') {
      const names = String(e.details.issues?.[0]?.reason ?? '').replace(/^cycle /, '').split(', ').map((id) => taskNames[id] ?? id);
      throw new PharosError('cycle', `plan: the links form a cycle, so there is no finish to simulate: ${[...names, names[0]].join(' → ')}`, { issues: [{ field: 'plan', reason: `links loop through ${names.join(', ')}` }] });
    }
    throw e;
  }

  // Working day 0: the plan's start, or its status date when work is under way.
  const started = data.tasks.some((t) => t.actualStart !== null || t.percentComplete > 0);
  const start = data.plan.computedStart ?? data.plan.start;
  const origin = started && data.plan.statusDate && data.plan.statusDate > start ? data.plan.statusDate : start;
  if (origin !== start) notes.push(`work under way: the remaining work is simulated from the status date ${origin.slice(0, 10)}`);
  const org = await db.selectFrom('organisation').select('currency').where('id', '=', data.plan.organisationId).executeTakeFirstOrThrow();
  return {
    model,
    planRevision: data.plan.revision,
    context: {
      origin,
      minutesPerDay: data.plan.minutesPerDay,
      calendars: data.calendars.map(calendarDefinition),
      projectCalendar: data.plan.calendarId ?? data.calendars[0]!.id,
      currency: org.currency,
      taskNames,
      risks: riskInfo,
      notes,
    },
  };
}

/** Working days ↔ calendar dates through the project calendar, from the run's origin. */
export type DayCalendar = { dateOf(days: number): string; daysTo(date: string): number };

/**
 * Day `d` of the model is the moment `d × minutesPerDay` working minutes after the origin; its
 * date is the day that minute of work ends in (a finish at midnight belongs to the day before).
 */
export function dayCalendar(c: SimulationContext): DayCalendar {
  const origin = parseLocalDateTime(c.origin)!;
  const clocks = new ClockSet(c.calendars, origin);
  const clock = clocks.clocks[clocks.indexOf(c.projectCalendar, 'calendarId')]!;
  const w0 = clock.work(origin);
  return {
    dateOf: (days) => {
      const minutes = Math.round(days * c.minutesPerDay);
      if (minutes <= 0) return c.origin.slice(0, 10);
      return formatLocalDateTime(clock.finishAt(w0 + minutes) - 1).slice(0, 10);
    },
    daysTo: (date) => (clock.work(parseLocalDateTime(`${date}T00:00:00`)! + MINUTES_PER_DAY) - w0) / c.minutesPerDay,
  };
}
