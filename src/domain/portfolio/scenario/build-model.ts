import { addMonths, monthDiff, monthOf, monthsBetween, type Month } from '../capacity/index.js';
import type { Candidate, PortfolioModel } from '../optimise/index.js';
import type { ScenarioSettings } from './settings.js';

/** A project as the scenario sees it. */
export type ScenarioProject = {
  id: string;
  code: string;
  name: string;
  stage: string;
  state: string;
  /** Its score on the scenario's model (0–100): the value funding it buys. */
  value: number;
  /** Headline budget in minor units (pence), or null when not estimated yet. */
  budget: number | null;
  plannedStart: string | null;
  plannedFinish: string | null;
  /** Hours per role id and month. */
  demand: Readonly<Record<string, Readonly<Record<Month, number>>>>;
};

/** A project the scenario could not offer the optimiser, and why. */
export type Skipped = { projectId: string; reason: string };

export type ScenarioModel = {
  model: PortfolioModel;
  /** Projects already under way before the horizon starts: funded as they run, from the horizon's first month. */
  running: string[];
  skipped: Skipped[];
  /** Assumptions made for a project (no dates: a year from the horizon's start), per project id. */
  notes: Record<string, string[]>;
  /** The month each period is. */
  periods: Month[];
};

/** Planned months a project without dates is given. */
export const DEFAULT_SPAN_MONTHS = 12;

/**
 * Turns a portfolio's projects and a scenario into the optimiser's model, in months from the
 * scenario's start. A project's cost is its budget spread evenly over its planned months (major
 * units), its demand the hours its estimates give each role month by month, both relative to its
 * start; its value is its score. It may start from its planned month (moved by the scenario's
 * shift) up to `maxDelayMonths` later, within the horizon. A project already under way before
 * the horizon (planned start earlier, in delivery) is running: it starts at period 0 with what is
 * left of its cost and demand, and is funded unless the scenario says `never`. Completed and
 * cancelled projects are left out, and so are projects with no budget (they are listed, so
 * nobody wonders where they went) unless the scenario says `must`.
 *
 * @example buildScenarioModel(settings, projects, { dev: [300, 300] }).model.candidates[0]
 * // { id: 'P1', value: 62.5, cost: [10000, 10000, 10000], demand: { dev: [120, 80, 0] }, earliestStart: 1, latestStart: 3 }
 */
export function buildScenarioModel(settings: ScenarioSettings, projects: readonly ScenarioProject[], capacity: Readonly<Record<string, readonly number[]>>): ScenarioModel {
  const periods = monthsBetween(settings.startMonth, addMonths(settings.startMonth, settings.months - 1));
  const last = periods.length - 1;
  const running: string[] = [];
  const skipped: Skipped[] = [];
  const notes: Record<string, string[]> = {};
  const candidates: Candidate[] = [];
  const roles = new Set(Object.keys(capacity));
  for (const p of projects) {
    const o = settings.projects[p.id] ?? {};
    const inclusion = o.inclusion ?? 'auto';
    const note = (text: string) => (notes[p.id] ??= []).push(text);
    if (p.state !== 'active' && p.state !== 'on-hold') {
      skipped.push({ projectId: p.id, reason: `it is ${p.state}` });
      continue;
    }
    if (p.budget === null && inclusion !== 'must') {
      skipped.push({ projectId: p.id, reason: 'it has no budget yet (give it one, or make it a must in this scenario)' });
      continue;
    }
    let start: Month;
    let span: number;
    if (p.plannedStart && p.plannedFinish) {
      start = monthOf(p.plannedStart);
      span = Math.max(1, monthsBetween(start, monthOf(p.plannedFinish)).length);
    } else {
      start = settings.startMonth;
      span = DEFAULT_SPAN_MONTHS;
      note(`no planned dates: taken as ${DEFAULT_SPAN_MONTHS} months from ${settings.startMonth}`);
    }
    if (p.budget === null) note('no budget: counted as costing nothing');
    const shifted = addMonths(start, o.shiftMonths ?? 0);
    const perMonth = ((p.budget ?? 0) / 100 / span) * (o.costFactor ?? 1);
    let offset = monthDiff(settings.startMonth, shifted);
    let from = 0;
    const isRunning = offset < 0;
    if (isRunning) {
      from = -offset;
      offset = 0;
      if (from >= span) {
        skipped.push({ projectId: p.id, reason: `its planned months end before ${settings.startMonth}` });
        continue;
      }
      running.push(p.id);
    }
    if (offset > last) {
      skipped.push({ projectId: p.id, reason: `it starts after the horizon (${monthOf(shifted)})` });
      continue;
    }
    const cost = Array.from({ length: span - from }, () => Math.round(perMonth * 100) / 100);
    const demand: Record<string, number[]> = {};
    for (const [role, hours] of Object.entries(p.demand)) {
      if (!roles.has(role)) continue;
      const row = Array.from({ length: span - from }, (_, j) => hours[addMonths(shifted, from + j)] ?? 0);
      if (row.some((h) => h > 0)) demand[role] = row;
    }
    const delay = isRunning ? 0 : Math.max(0, Math.min(settings.maxDelayMonths, last - offset));
    candidates.push({
      id: p.id,
      name: `${p.code} ${p.name}`,
      value: Math.max(0, p.value),
      cost,
      demand,
      earliestStart: offset,
      latestStart: offset + delay,
      mustDo: inclusion === 'must' || (isRunning && inclusion === 'auto'),
      mustNot: inclusion === 'never',
    });
  }
  // Dependencies and alternatives among the projects the optimiser sees: a project that needs one
  // it cannot fund cannot be funded either; exclusions and group members outside drop out.
  const offered = new Set(candidates.map((c) => c.id));
  const skippedIds = new Set(skipped.map((s) => s.projectId));
  for (const c of candidates as { -readonly [K in keyof Candidate]: Candidate[K] }[]) {
    const o = settings.projects[c.id] ?? {};
    const missing = (o.requires ?? []).filter((r) => !offered.has(r));
    if (missing.length) {
      c.mustNot = true;
      c.mustDo = false;
      notes[c.id] = [...(notes[c.id] ?? []), `needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not considered (${missing.map((m) => (skippedIds.has(m) ? skipped.find((s) => s.projectId === m)!.reason : 'not in the portfolio')).join('; ')}): it cannot be funded`];
    }
    const requires = (o.requires ?? []).filter((r) => offered.has(r));
    const excludes = (o.excludes ?? []).filter((r) => offered.has(r));
    if (requires.length) c.requires = requires;
    if (excludes.length) c.excludes = excludes;
  }
  const groups = (settings.groups ?? [])
    // The group's name is its id, so the optimiser's sentences name it ("group A or B is full").
    .map((g, i, all) => ({ id: all.findIndex((x) => x.name === g.name) === i ? `"${g.name}"` : `"${g.name}" (${i + 1})`, name: g.name, members: g.members.filter((m) => offered.has(m)), max: g.max ?? 1 }))
    .filter((g) => g.members.length > g.max);
  const scaled: Record<string, number[]> = {};
  for (const [role, row] of Object.entries(capacity)) {
    const f = settings.capacityFactors[role] ?? 1;
    scaled[role] = periods.map((_, i) => (row[i] ?? 0) * f);
  }
  const model: PortfolioModel = {
    periods: periods.length,
    ...(settings.budget.kind === 'total' ? { budgetTotal: settings.budget.amount } : { budget: periods.map(() => settings.budget.amount) }),
    capacity: scaled,
    candidates,
    ...(groups.length ? { groups } : {}),
  };
  return { model, running, skipped, notes, periods };
}
