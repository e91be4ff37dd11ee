import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { MSPDI_CONSTRAINT_TYPE_NAMES, MSPDI_LINK_TYPE_NAMES, type MspdiDocument, type MspdiReadResult } from './mspdi-document.js';
import { readMspdi } from './read-mspdi.js';
import { writeMspdi } from './write-mspdi.js';
import { parseXml, type XmlElement } from './xml-tree.js';

/**
 * Every MSPDI file of the shared schedule corpus (real files saved by Project 2002–2019, and
 * larger generated networks): read, compared with the corpus's own independent tag scanner
 * (`tools/mspdi-expected.mjs`), written, and read again.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = path.resolve(root, '../shared/corpus');
const hasCorpus = existsSync(path.join(corpus, 'mspdi'));

type Loaded = { dir: string; file: string; xml: string; result?: MspdiReadResult; error?: unknown };

/** The part of `tools/mspdi-expected.mjs`'s `parseMspdi` output compared here. */
type Oracle = {
  project: Record<string, unknown>;
  calendars: Record<string, unknown>[];
  tasks: (Record<string, unknown> & { predecessors: Record<string, unknown>[] })[];
  resourceCount: number;
  assignmentCount: number;
};

const TASK_KEYS = [
  'uid', 'id', 'name', 'outlineLevel', 'outlineNumber', 'wbs', 'isNull', 'active', 'summary', 'milestone', 'manual', 'start', 'finish',
  'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'totalSlackMinutes', 'freeSlackMinutes', 'startSlackMinutes', 'finishSlackMinutes',
  'critical', 'durationMinutes', 'durationFormat', 'estimated', 'manualStart', 'manualFinish', 'type', 'effortDriven', 'constraintType',
  'constraintDate', 'deadline', 'calendarUid', 'ignoreResourceCalendar', 'levelingDelayRaw', 'levelingDelayFormat', 'percentComplete',
  'actualStart', 'actualFinish', 'stop', 'resume', 'recurring', 'baselineCount', 'predecessors',
] as const;
const PROJECT_KEYS = [
  'name', 'title', 'saveVersion', 'buildNumber', 'creationDate', 'lastSaved', 'scheduleFromStart', 'startDate', 'finishDate', 'statusDate',
  'currentDate', 'calendarUid', 'minutesPerDay', 'minutesPerWeek', 'daysPerMonth', 'durationFormat', 'criticalSlackLimit', 'honorConstraints',
  'multipleCriticalPaths', 'newTasksAreManual', 'splitsInProgressTasks', 'projectExternallyEdited', 'weekStartDay', 'moveCompletedEndsBack',
  'moveRemainingStartsBack', 'moveRemainingStartsForward', 'moveCompletedEndsForward',
] as const;

const pick = (record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((key) => [key, record[key]]));
const tenths = (value: number | undefined): number | null => (value === undefined ? null : value / 10);

/** The document in the oracle's shape (its defaults: absent flags false or null, as it reads them). */
function asOracle(doc: MspdiDocument): Oracle {
  const h = doc.header;
  return {
    project: {
      name: h.name ?? null, title: h.title ?? null, saveVersion: h.saveVersion ?? null, buildNumber: h.buildNumber ?? null,
      creationDate: h.creationDate ?? null, lastSaved: h.lastSaved ?? null, scheduleFromStart: h.scheduleFromStart ?? null,
      startDate: h.startDate ?? null, finishDate: h.finishDate ?? null, statusDate: h.statusDate ?? null, currentDate: h.currentDate ?? null,
      calendarUid: h.calendarUid ?? null, minutesPerDay: h.minutesPerDay ?? null, minutesPerWeek: h.minutesPerWeek ?? null,
      daysPerMonth: h.daysPerMonth ?? null, durationFormat: h.durationFormat ?? null, criticalSlackLimit: h.criticalSlackLimitDays ?? null,
      honorConstraints: h.honorConstraints ?? null, multipleCriticalPaths: h.multipleCriticalPaths ?? null,
      newTasksAreManual: h.newTasksAreManual ?? null, splitsInProgressTasks: h.splitsInProgressTasks ?? null,
      projectExternallyEdited: h.projectExternallyEdited ?? null, weekStartDay: h.weekStartDay ?? null,
      moveCompletedEndsBack: h.moveCompletedEndsBack ?? null, moveRemainingStartsBack: h.moveRemainingStartsBack ?? null,
      moveRemainingStartsForward: h.moveRemainingStartsForward ?? null, moveCompletedEndsForward: h.moveCompletedEndsForward ?? null,
    },
    calendars: doc.calendars.map((c) => ({
      uid: c.uid, name: c.name ?? null, isBase: c.isBaseCalendar ?? null, baseUid: c.baseCalendarUid ?? null,
      exceptions: c.exceptions.length + c.weekDayExceptions.length, workWeeks: c.workWeeks.length,
    })),
    tasks: doc.tasks.map((t) => ({
      uid: t.uid, id: t.id ?? null, name: t.name?.trim() ?? null, outlineLevel: t.outlineLevel ?? null,
      outlineNumber: t.outlineNumber ?? null, wbs: t.wbs ?? null, isNull: t.isNull ?? false, active: t.active ?? null,
      summary: t.summary ?? false, milestone: t.milestone ?? false, manual: t.manual ?? false, start: t.start ?? null,
      finish: t.finish ?? null, earlyStart: t.earlyStart ?? null, earlyFinish: t.earlyFinish ?? null, lateStart: t.lateStart ?? null,
      lateFinish: t.lateFinish ?? null, totalSlackMinutes: tenths(t.totalSlackTenthMinutes), freeSlackMinutes: tenths(t.freeSlackTenthMinutes),
      startSlackMinutes: tenths(t.startSlackTenthMinutes), finishSlackMinutes: tenths(t.finishSlackTenthMinutes), critical: t.critical ?? false,
      durationMinutes: t.durationMinutes ?? null, durationFormat: t.durationFormat ?? null, estimated: t.estimated ?? null,
      manualStart: t.manualStart ?? null, manualFinish: t.manualFinish ?? null, type: t.type ?? null, effortDriven: t.effortDriven ?? null,
      constraintType: MSPDI_CONSTRAINT_TYPE_NAMES[t.constraintType ?? 0], constraintDate: t.constraintDate ?? null,
      deadline: t.deadline ?? null, calendarUid: t.calendarUid ?? null, ignoreResourceCalendar: t.ignoreResourceCalendar ?? null,
      levelingDelayRaw: t.levelingDelayTenthMinutes ?? null, levelingDelayFormat: t.levelingDelayFormat ?? null,
      percentComplete: t.percentComplete ?? 0, actualStart: t.actualStart ?? null, actualFinish: t.actualFinish ?? null,
      stop: t.stop ?? null, resume: t.resume ?? null, recurring: t.recurring ?? false, baselineCount: t.baselines.length,
      predecessors: t.predecessors.map((l) => ({
        predecessorUid: l.predecessorUid, type: MSPDI_LINK_TYPE_NAMES[l.type ?? 1], crossProject: l.crossProject ?? false,
        linkLagRaw: l.linkLag ?? 0, lagFormat: l.lagFormat ?? null,
      })),
    })),
    resourceCount: doc.resources.length,
    assignmentCount: doc.assignments.length,
  };
}

function oracleProjection(oracle: Oracle): Oracle {
  return {
    project: pick(oracle.project, PROJECT_KEYS),
    calendars: oracle.calendars.map((c) => pick(c, ['uid', 'name', 'isBase', 'baseUid', 'exceptions', 'workWeeks'])),
    tasks: oracle.tasks.map((t) => ({
      ...pick(t, TASK_KEYS),
      predecessors: t.predecessors.map((l) => pick(l, ['predecessorUid', 'type', 'crossProject', 'linkLagRaw', 'lagFormat'])),
    })),
    resourceCount: oracle.resourceCount,
    assignmentCount: oracle.assignmentCount,
  };
}

/** Consecutive duplicates collapsed: the order of element kinds. */
const kinds = (names: string[]): string[] => names.filter((name, i) => name !== names[i - 1]);

/** Where the written file orders the elements it shares with the original differently. */
function orderProblems(original: XmlElement, written: XmlElement, where: string, problems: string[]): void {
  const writtenKinds = kinds(written.children.map((c) => c.name));
  const shared = new Set(writtenKinds);
  const originalKinds = kinds(original.children.map((c) => c.name).filter((name) => shared.has(name)));
  if (originalKinds.join() !== writtenKinds.join()) problems.push(`${where}: Project ${originalKinds.join(' ')} / written ${writtenKinds.join(' ')}`);
  const seen = new Map<string, number>();
  for (const child of written.children) {
    const k = seen.get(child.name) ?? 0;
    seen.set(child.name, k + 1);
    const counterpart = original.children.filter((c) => c.name === child.name)[k];
    if (counterpart && child.children.length > 0) orderProblems(counterpart, child, `${where}/${child.name}`, problems);
  }
}

describe.skipIf(!hasCorpus)(hasCorpus ? 'MSPDI corpus' : 'MSPDI corpus (skipped: no corpus at ../shared/corpus)', () => {
  const loaded: Loaded[] = [];
  const real = (): Loaded[] => loaded.filter((f) => f.dir === 'mspdi');
  const byName = (file: string): Loaded => {
    const found = loaded.find((f) => f.file === file);
    if (!found) throw new Error(`${file} is not in the corpus`);
    return found;
  };
  const doc = (f: Loaded): MspdiDocument => {
    if (!f.result) throw new Error(`${f.file} was not read`);
    return f.result.document;
  };

  beforeAll(() => {
    for (const dir of ['mspdi', 'generated']) {
      for (const file of readdirSync(path.join(corpus, dir)).filter((f) => f.endsWith('.xml')).sort()) {
        const xml = readFileSync(path.join(corpus, dir, file), 'utf8');
        try {
          loaded.push({ dir, file, xml, result: readMspdi(xml) });
        } catch (error) {
          loaded.push({ dir, file, xml, error });
        }
      }
    }
  }, 60_000);

  it('reads every file without error', () => {
    expect(loaded.length).toBeGreaterThanOrEqual(73);
    expect(loaded.filter((f) => f.error !== undefined).map((f) => `${f.file}: ${String(f.error)}`)).toEqual([]);
  });

  it('agrees with the corpus tag scanner (tools/mspdi-expected.mjs) on every task, link, calendar and count', async () => {
    const toolUrl = pathToFileURL(path.join(corpus, 'tools', 'mspdi-expected.mjs')).href;
    const tool = (await import(toolUrl)) as { parseMspdi: (text: string) => Oracle };
    // Every real file, and the smallest generated network (the others only add size).
    for (const f of [...real(), byName('core-1-97.xml')]) {
      expect({ file: f.file, ...asOracle(doc(f)) }).toEqual({ file: f.file, ...oracleProjection(tool.parseMspdi(f.xml)) });
    }
  }, 30_000);

  it('matches the README totals of the real files', () => {
    const docs = real().map(doc);
    const tasks = docs.flatMap((d) => d.tasks.filter((t) => !t.isNull && t.uid !== 0 && t.outlineLevel !== 0));
    expect(real()).toHaveLength(65);
    expect(tasks).toHaveLength(2082);
    expect(tasks.filter((t) => t.summary)).toHaveLength(7);
    expect(tasks.filter((t) => t.milestone)).toHaveLength(2);
    expect(tasks.filter((t) => t.manual)).toHaveLength(952);
    const links = tasks.flatMap((t) => t.predecessors.map((l) => MSPDI_LINK_TYPE_NAMES[l.type ?? 1]));
    expect(['FS', 'SS', 'FF', 'SF'].map((type) => links.filter((l) => l === type).length)).toEqual([7, 2, 2, 2]);
    const calendars = docs.flatMap((d) => d.calendars);
    expect(calendars).toHaveLength(337);
    expect(calendars.reduce((n, c) => n + c.exceptions.length + c.weekDayExceptions.length, 0)).toBe(666);
    expect(docs.filter((d) => d.tasks.some((t) => t.baselines.length > 0))).toHaveLength(7);
  });

  it('reads the recurring exceptions in both forms: 27 recurring definitions and their 138 occurrences', () => {
    for (const version of ['2007', '2010', '2013', '2016']) {
      const [calendar] = doc(byName(`calendar-recurring-exceptions-project${version}-mspdi.xml`)).calendars;
      expect(calendar!.exceptions).toHaveLength(27);
      expect(calendar!.weekDayExceptions).toHaveLength(138);
      expect(new Set(calendar!.exceptions.map((e) => e.type))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    }
  });

  it('reports custom fields and timephased data as unsupported, and nothing for the generated networks', () => {
    const unsupported = (file: string) => byName(file).result!.unsupported;
    const countIn = (xml: string, section: string, element: string): number =>
      xml.slice(xml.indexOf(`<${section}>`), xml.indexOf(`</${section}>`)).split(`<${element}>`).length - 1;
    for (const file of ['task-text-project2003-mspdi.xml', 'task-durations-project2019-mspdi.xml', 'task-flags-project2010-mspdi.xml']) {
      expect(unsupported(file)).toContainEqual({
        path: 'Project/Tasks/Task/ExtendedAttribute',
        count: countIn(byName(file).xml, 'Tasks', 'ExtendedAttribute'),
        example: 'task UID 1',
        kind: 'data',
      });
      expect(unsupported(file).map((u) => u.path)).toContain('Project/ExtendedAttributes');
    }
    expect(unsupported('assignment-text-project2007-mspdi.xml').find((u) => u.path === 'Project/Assignments/Assignment/ExtendedAttribute')?.count).toBe(
      countIn(byName('assignment-text-project2007-mspdi.xml').xml, 'Assignments', 'ExtendedAttribute'),
    );
    expect(unsupported('mspditimephasedsegments.xml')).toContainEqual(expect.objectContaining({ path: 'Project/Tasks/Task/TimephasedData', kind: 'data' }));
    for (const f of loaded.filter((l) => l.dir === 'generated')) expect(f.result!.unsupported, f.file).toEqual([]);
  });

  const written = new Map<string, string>();

  it('writes every file so that reading it again gives a deep-equal document, with nothing unsupported', () => {
    for (const f of loaded) {
      const xml = writeMspdi(doc(f));
      written.set(f.file, xml);
      const again = readMspdi(xml);
      // node's comparison is much faster than expect's on large documents; expect shows the difference.
      if (!isDeepStrictEqual(again.document, doc(f))) expect(again.document, f.file).toStrictEqual(doc(f));
      expect(again.unsupported, f.file).toEqual([]);
    }
  }, 60_000);

  it("writes elements in the order Project wrote them, for one file of each kind", () => {
    const files = [
      'sample.xml', 'sample1.xml', 'enterprise.xml', 'mspdiresource.xml', 'mspdiduration.xml', 'mspditimephasedsegments.xml',
      'calendar-recurring-exceptions-project2007-mspdi.xml', 'calendar-recurring-exceptions-project2016-mspdi.xml',
      'task-baselines-project2002-mspdi.xml', 'task-textvalues-project2019-mspdi.xml', 'task-costs-project2013-mspdi.xml',
      'task-dates-project2007-mspdi.xml',
    ];
    const problems: string[] = [];
    for (const file of files) {
      const f = byName(file);
      orderProblems(parseXml(f.xml), parseXml(written.get(file) ?? writeMspdi(doc(f))), file, problems);
    }
    expect(problems).toEqual([]);
  }, 30_000);
});
