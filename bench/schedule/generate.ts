import { type CalendarDefinition, type CalendarException, STANDARD_WEEK } from '../../src/domain/schedule/calendar-types.js';
import { formatDay, MINUTES_PER_DAY, parseLocalDateTime, type LocalMinute, weekday } from '../../src/domain/schedule/local-time.js';
import type { LinkType, ScheduleInput, ScheduleLink, ScheduleTask } from '../../src/domain/schedule/types.js';

/**
 * Seeded generator of realistic plans for the schedule bench: a WBS of phases → work
 * packages → tasks, about two links per task, all four link types, lags and leads, a
 * Standard calendar with holidays and a few date constraints. The same seed and size always
 * give the same plan.
 *
 * Shape. Phases run in parallel streams (a stream is a sequence of about three phases, like a
 * project of a programme); within a phase, work packages follow one another and within a
 * package tasks mostly follow one another, with some parallel branches. Links run only from
 * a leaf to a later leaf in outline order (the topological numbering), and cross-phase links
 * only to a phase later in its stream order, so the plan grows wider, not longer, with size.
 * A few links join consecutive work packages (summary to summary).
 */

export const MINUTES_PER_WORKING_DAY = 480;
/** The plan's first working moment: Monday 5 January 2026, 08:00. */
export const PLAN_START: LocalMinute = parseLocalDateTime('2026-01-05T08:00')!;
const PHASES_PER_STREAM = 3;

/** A small, fast, seeded PRNG (mulberry32). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}

export type NetworkStats = {
  readonly tasks: number;
  readonly leaves: number;
  readonly summaries: number;
  readonly milestones: number;
  readonly phases: number;
  readonly streams: number;
  readonly links: number;
  readonly linksPerTask: number;
  readonly byType: Readonly<Record<LinkType, number>>;
  readonly summaryLinks: number;
  readonly lags: number;
  readonly leads: number;
  readonly snet: number;
  readonly fnlt: number;
  readonly holidays: number;
  readonly calendarYears: string;
};

export type GeneratedNetwork = { readonly input: ScheduleInput; readonly stats: NetworkStats };

/** The plain finish-to-start part of a plan: leaf tasks, FS links between them, no lags, no calendar. */
export type FsNetwork = {
  readonly tasks: readonly { readonly id: string; readonly duration: number }[];
  readonly links: readonly { readonly from: string; readonly to: string }[];
};

const KIND_PHASE = 0;
const KIND_PACKAGE = 1;
const KIND_LEAF = 2;

type Outline = {
  readonly kind: Uint8Array;
  readonly parent: Int32Array;
  /** Per phase: its work packages (task indices). Per package: its first leaf and leaf count. */
  readonly phasePackages: number[][];
  readonly packageFirstLeaf: Map<number, number>;
  readonly packageLeaves: Map<number, number>;
  /** Phase index of each leaf (−1 for a top-level leaf), and each leaf's package (−1 if none). */
  readonly leafPhase: Int32Array;
  readonly leafPackage: Int32Array;
};

/** Lays out `size` tasks as phases (5–13 packages) of packages (5–13 leaves), exactly `size` in all. */
function outline(size: number, rng: Rng): Outline {
  const kind = new Uint8Array(size);
  const parent = new Int32Array(size).fill(-1);
  const leafPhase = new Int32Array(size).fill(-1);
  const leafPackage = new Int32Array(size).fill(-1);
  const phasePackages: number[][] = [];
  const packageFirstLeaf = new Map<number, number>();
  const packageLeaves = new Map<number, number>();
  let i = 0;
  while (i < size) {
    if (size - i < 3) {
      // Too few left for a phase: top-level tasks.
      kind[i++] = KIND_LEAF;
      continue;
    }
    const phase = i;
    const phaseNo = phasePackages.length;
    const packages: number[] = [];
    phasePackages.push(packages);
    kind[i++] = KIND_PHASE;
    const packageCount = rng.int(5, 13);
    for (let w = 0; w < packageCount && size - i >= 2; w++) {
      const pkg = i;
      kind[i] = KIND_PACKAGE;
      parent[i++] = phase;
      packages.push(pkg);
      const leaves = Math.min(rng.int(5, 13), size - i);
      packageFirstLeaf.set(pkg, i);
      packageLeaves.set(pkg, leaves);
      for (let k = 0; k < leaves; k++) {
        kind[i] = KIND_LEAF;
        parent[i] = pkg;
        leafPhase[i] = phaseNo;
        leafPackage[i] = pkg;
        i++;
      }
    }
  }
  return { kind, parent, phasePackages, packageFirstLeaf, packageLeaves, leafPhase, leafPackage };
}

function linkType(rng: Rng): LinkType {
  const r = rng.next();
  return r < 0.8 ? 'FS' : r < 0.9 ? 'SS' : r < 0.95 ? 'FF' : 'SF';
}

/** Durations in working minutes: 5% milestones, else 1–20 days, shorter ones likelier, some half days. */
function duration(rng: Rng): number {
  if (rng.next() < 0.05) return 0;
  const days = 1 + Math.floor(rng.next() ** 2 * 20);
  const half = rng.next() < 0.1 && days < 20 ? MINUTES_PER_WORKING_DAY / 2 : 0;
  return days * MINUTES_PER_WORKING_DAY + half;
}

/** ~10 holidays a year: eight fixed dates and two that move (seeded), every year from `fromYear` to `toYear`. */
function holidays(fromYear: number, toYear: number, rng: Rng): CalendarException[] {
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];
  const out: CalendarException[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    for (const md of fixed) out.push({ name: 'Holiday', from: `${y}-${md}`, to: `${y}-${md}`, working: [] });
    // A spring Monday and a Thursday some weeks later, as Easter Monday and Ascension move.
    const spring = Math.floor(parseLocalDateTime(`${y}-03-23`)! / MINUTES_PER_DAY) + rng.int(0, 4) * 7;
    const monday = spring - ((weekday(spring) + 6) % 7);
    out.push({ name: 'Easter Monday', from: formatDay(monday), to: formatDay(monday), working: [] });
    out.push({ name: 'Ascension', from: formatDay(monday + 38), to: formatDay(monday + 38), working: [] });
  }
  return out;
}

/** Roughly where a count of working minutes from the plan start falls on the wall clock (5 of 7 days work). */
function approximateDate(workMinutes: number): LocalMinute {
  const days = Math.floor((workMinutes / MINUTES_PER_WORKING_DAY) * (7 / 5));
  return PLAN_START + days * MINUTES_PER_DAY;
}

/** A realistic plan of exactly `size` tasks (summaries included), the same for the same seed. */
export function generateNetwork(size: number, seed = 20260105): GeneratedNetwork {
  const rng = new Rng(seed ^ Math.imul(size, 0x9e3779b1));
  const o = outline(size, rng);
  const phases = o.phasePackages.length;
  const streams = Math.max(1, Math.round(phases / PHASES_PER_STREAM));

  const minutes = new Float64Array(size);
  for (let i = 0; i < size; i++) if (o.kind[i] === KIND_LEAF) minutes[i] = duration(rng);

  // Links, chosen per successor leaf; `seen` drops duplicate pairs.
  const links: ScheduleLink[] = [];
  const seen = new Set<number>();
  const byType: Record<LinkType, number> = { FS: 0, SS: 0, FF: 0, SF: 0 };
  let lags = 0;
  let leads = 0;
  let summaryLinks = 0;
  const add = (p: number, s: number, type: LinkType): void => {
    if (p < 0 || p >= s) return;
    const key = p * size + s;
    if (seen.has(key)) return;
    seen.add(key);
    let lagMinutes = 0;
    if (rng.next() < 0.15) {
      if (rng.next() < 0.7) {
        lagMinutes = rng.int(1, 5) * MINUTES_PER_WORKING_DAY;
        lags++;
      } else {
        lagMinutes = -rng.int(1, 3) * MINUTES_PER_WORKING_DAY;
        leads++;
      }
    }
    byType[type]++;
    links.push(lagMinutes ? { predecessor: `T${p}`, successor: `T${s}`, type, lagMinutes } : { predecessor: `T${p}`, successor: `T${s}`, type });
  };
  const leafOf = (pkg: number, pos: number): number => o.packageFirstLeaf.get(pkg)! + pos;
  const anyLeafOf = (pkg: number): number => leafOf(pkg, rng.int(0, o.packageLeaves.get(pkg)! - 1));
  const lateLeafOf = (pkg: number): number => {
    const n = o.packageLeaves.get(pkg)!;
    return leafOf(pkg, Math.max(0, n - 1 - rng.int(0, 2)));
  };
  /** A predecessor for a leaf: its own package (earlier tasks), an earlier package of its phase, or an earlier phase of the stream order. */
  const extraPredecessor = (pos: number, w: number, phase: number): number => {
    const packages = o.phasePackages[phase]!;
    const r = rng.next();
    if (r < 0.5 && pos >= 2) return leafOf(packages[w]!, rng.int(0, pos - 2));
    if (r < 0.85 && w > 0) return anyLeafOf(packages[rng.int(Math.max(0, w - 3), w - 1)]!);
    const lastEarlier = phase - streams;
    if (lastEarlier >= 0) {
      const p = rng.int(Math.max(0, phase - 3 * streams), lastEarlier);
      const pk = o.phasePackages[p]!;
      return anyLeafOf(pk[rng.int(0, pk.length - 1)]!);
    }
    if (pos >= 1) return leafOf(packages[w]!, rng.int(0, pos - 1));
    return -1;
  };

  for (let phase = 0; phase < phases; phase++) {
    const packages = o.phasePackages[phase]!;
    for (let w = 0; w < packages.length; w++) {
      const pkg = packages[w]!;
      const count = o.packageLeaves.get(pkg)!;
      if (w > 0 && rng.next() < 0.08) {
        add(packages[w - 1]!, pkg, 'FS');
        summaryLinks++;
      }
      for (let pos = 0; pos < count; pos++) {
        const leaf = leafOf(pkg, pos);
        let first = -1;
        const r = rng.next();
        if (pos > 0 && (r < 0.5 || pos === 1)) first = leafOf(pkg, pos - 1);
        else if (pos > 0 && r < 0.8) first = leafOf(pkg, rng.int(Math.max(0, pos - 4), pos - 2));
        else if (w > 0) first = lateLeafOf(packages[Math.max(0, w - rng.int(1, 3))]!);
        else if (phase - streams >= 0) {
          const before = o.phasePackages[phase - streams]!;
          first = lateLeafOf(before[before.length - 1]!);
        }
        add(first, leaf, linkType(rng));
        if (rng.next() < 0.85) add(extraPredecessor(pos, w, phase), leaf, linkType(rng));
        if (rng.next() < 0.5) add(extraPredecessor(pos, w, phase), leaf, linkType(rng));
      }
    }
  }

  // A rough forward pass in working minutes (leaf links only, index order is topological for
  // them) to put constraint dates near where the tasks fall, and to size the holiday list.
  const estStart = new Float64Array(size);
  const estFinish = new Float64Array(size);
  const incoming: number[][] = Array.from({ length: size }, () => []);
  for (const l of links) incoming[Number(l.successor.slice(1))]!.push(Number(l.predecessor.slice(1)));
  let latest = 0;
  for (let i = 0; i < size; i++) {
    if (o.kind[i] !== KIND_LEAF) continue;
    let s = 0;
    for (const p of incoming[i]!) if (o.kind[p] === KIND_LEAF && estFinish[p]! > s) s = estFinish[p]!;
    estStart[i] = s;
    estFinish[i] = s + minutes[i]!;
    if (estFinish[i]! > latest) latest = estFinish[i]!;
  }

  const tasks: ScheduleTask[] = [];
  let milestones = 0;
  let snet = 0;
  let fnlt = 0;
  for (let i = 0; i < size; i++) {
    const parent = o.parent[i]! >= 0 ? `T${o.parent[i]}` : null;
    if (o.kind[i] !== KIND_LEAF) {
      tasks.push({ id: `T${i}`, name: o.kind[i] === KIND_PHASE ? `Phase ${i}` : `Package ${i}`, parent, durationMinutes: 0 });
      continue;
    }
    const d = minutes[i]!;
    const r = rng.next();
    const base = { id: `T${i}`, parent, durationMinutes: d, ...(d === 0 ? { milestone: true } : {}) };
    if (d === 0) milestones++;
    if (r < 0.01) {
      snet++;
      tasks.push({ ...base, constraint: 'SNET', constraintDate: approximateDate(estStart[i]! + rng.int(0, 10) * MINUTES_PER_WORKING_DAY) });
    } else if (r < 0.02) {
      fnlt++;
      tasks.push({ ...base, constraint: 'FNLT', constraintDate: approximateDate(estFinish[i]! * 1.1 + rng.int(0, 40) * MINUTES_PER_WORKING_DAY) });
    } else tasks.push(base);
  }

  const firstYear = 2026;
  const lastYear = firstYear + Math.ceil(latest / MINUTES_PER_WORKING_DAY / 250) + 2;
  const exceptions = holidays(firstYear, lastYear, rng);
  const calendar: CalendarDefinition = { id: 'standard', name: 'Standard', week: STANDARD_WEEK, exceptions };
  const leaves = o.kind.reduce((n, k) => n + (k === KIND_LEAF ? 1 : 0), 0);
  return {
    input: { tasks, links, calendars: [calendar], projectCalendar: 'standard', start: PLAN_START },
    stats: {
      tasks: size,
      leaves,
      summaries: size - leaves,
      milestones,
      phases,
      streams,
      links: links.length,
      linksPerTask: links.length / size,
      byType,
      summaryLinks,
      lags,
      leads,
      snet,
      fnlt,
      holidays: exceptions.length,
      calendarYears: `${firstYear}–${lastYear}`,
    },
  };
}

/** The plan's leaf tasks and the FS links between them, in plain minutes: what the peers compute. */
export function fsNetwork(input: ScheduleInput): FsNetwork {
  const summary = new Set<string>();
  for (const t of input.tasks) if (t.parent != null) summary.add(t.parent);
  const tasks = input.tasks.filter((t) => !summary.has(t.id)).map((t) => ({ id: t.id, duration: t.durationMinutes }));
  const links = input.links
    .filter((l) => l.type === 'FS' && !summary.has(l.predecessor) && !summary.has(l.successor))
    .map((l) => ({ from: l.predecessor, to: l.successor }));
  return { tasks, links };
}

/** Every minute of every day. */
export const CLOCK_24X7: CalendarDefinition = { id: '24x7', name: '24 hours', week: Array.from({ length: 7 }, () => [{ from: 0, to: 1440 }]) };

/** The FS network as engine input: the same tasks and links on a 24×7 calendar from minute 0. */
export function fsScheduleInput(fs: FsNetwork): ScheduleInput {
  return {
    tasks: fs.tasks.map((t) => ({ id: t.id, durationMinutes: t.duration })),
    links: fs.links.map((l) => ({ predecessor: l.from, successor: l.to, type: 'FS' as const })),
    calendars: [CLOCK_24X7],
    projectCalendar: '24x7',
    start: 0,
  };
}
