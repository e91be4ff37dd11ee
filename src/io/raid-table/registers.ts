import { choice, date, integer, optionalText, personEmail, ratingLabel, ratingLevel, reference, scope, shownNumber, shownText, text, version, yesNo, type RegisterColumn, type RegisterTable } from './columns.js';

/**
 * The columns of each RAID register, in the order they are written. Headers are what people
 * read; an import matches them case-insensitively, so an exported file reads back as it is.
 */

type Head = { ref: string; scopeCode: string; title: string; ownerId: string | null; ownerName: string | null; escalate: boolean; escalation: { reason: string } | null; version: number };

export type RiskRow = Head & {
  kind: string;
  cause: string;
  event: string;
  effect: string;
  category: string | null;
  probability: number;
  impact: number;
  score: number;
  band: string;
  residualProbability: number | null;
  residualImpact: number | null;
  residualScore: number | null;
  residualBand: string | null;
  proximity: string | null;
  responseStrategy: string | null;
  response: string;
  status: string;
  reviewedOn: string;
  openActions: number;
  overdueActions: number;
};

export type IssueRow = Head & { description: string; category: string | null; priority: string; severity: number; status: string; due: string | null; overdue: boolean; resolution: string; openActions: number; overdueActions: number };

type LogHead = Head & { description: string; due: string | null; status: string };
export type AssumptionRow = LogHead & { validatorId: string | null; validatorName: string | null; outcome: string };
export type DependencyRow = LogHead & { direction: string; otherProjectCode: string | null; ownTaskId: string | null; otherTaskId: string | null };
export type DecisionRow = LogHead & { options: readonly string[]; decision: string; rationale: string; decidedBy: string; decidedOn: string | null; links: readonly { type: string; id: string }[] };

const owner = <I extends Head>(): RegisterColumn<I>[] => [shownText('Owner', 20, (i) => i.ownerName), personEmail('Owner email', 'ownerId', (i) => i.ownerId)];
const escalation = <I extends Head>(): RegisterColumn<I>[] => [yesNo('Escalate', 'escalate', (i) => i.escalate), shownText('Escalation', 30, (i) => i.escalation?.reason ?? null)];

export const RISK_TABLE: RegisterTable<RiskRow> = {
  name: 'risks',
  noun: 'risk',
  prefix: 'R',
  columns: [
    reference('R', 'risk'),
    scope(),
    choice('Kind', 'kind', 12, (r) => r.kind),
    text('Title', 'title', 40, (r) => r.title),
    text('Cause', 'cause', 30, (r) => r.cause),
    text('Event', 'event', 30, (r) => r.event),
    text('Effect', 'effect', 30, (r) => r.effect),
    optionalText('Category', 'category', 16, (r) => r.category),
    ...owner<RiskRow>(),
    ratingLabel('Probability', 'probability', 'probability', (r) => r.probability, true),
    ratingLevel('Probability level', 'probability', 'probability', (r) => r.probability, true),
    ratingLabel('Impact', 'impact', 'impact', (r) => r.impact, true),
    ratingLevel('Impact level', 'impact', 'impact', (r) => r.impact, true),
    shownNumber('Score', (r) => r.score, 8),
    shownText('Band', 12, (r) => r.band),
    ratingLabel('Residual probability', 'residualProbability', 'probability', (r) => r.residualProbability, false),
    ratingLevel('Residual probability level', 'residualProbability', 'probability', (r) => r.residualProbability, false),
    ratingLabel('Residual impact', 'residualImpact', 'impact', (r) => r.residualImpact, false),
    ratingLevel('Residual impact level', 'residualImpact', 'impact', (r) => r.residualImpact, false),
    shownNumber('Residual score', (r) => r.residualScore),
    shownText('Residual band', 12, (r) => r.residualBand),
    date('Proximity', 'proximity', (r) => r.proximity),
    choice('Response strategy', 'responseStrategy', 14, (r) => r.responseStrategy, true),
    text('Response', 'response', 30, (r) => r.response),
    choice('Status', 'status', 10, (r) => r.status),
    ...escalation<RiskRow>(),
    shownText('Reviewed on', 12, (r) => r.reviewedOn),
    shownNumber('Open actions', (r) => r.openActions),
    shownNumber('Overdue actions', (r) => r.overdueActions),
    version(),
  ],
};

export const ISSUE_TABLE: RegisterTable<IssueRow> = {
  name: 'issues',
  noun: 'issue',
  prefix: 'I',
  columns: [
    reference('I', 'issue'),
    scope(),
    text('Title', 'title', 40, (r) => r.title),
    text('Description', 'description', 40, (r) => r.description),
    optionalText('Category', 'category', 16, (r) => r.category),
    ...owner<IssueRow>(),
    choice('Priority', 'priority', 10, (r) => r.priority),
    ratingLabel('Severity', 'severity', 'impact', (r) => r.severity, true),
    ratingLevel('Severity level', 'severity', 'impact', (r) => r.severity, true),
    choice('Status', 'status', 12, (r) => r.status),
    date('Due', 'due', (r) => r.due),
    shownText('Overdue', 9, (r) => (r.overdue ? 'yes' : 'no')),
    text('Resolution', 'resolution', 30, (r) => r.resolution),
    ...escalation<IssueRow>(),
    shownNumber('Open actions', (r) => r.openActions),
    shownNumber('Overdue actions', (r) => r.overdueActions),
    version(),
  ],
};

const logHead = <I extends LogHead>(prefix: string, noun: string): RegisterColumn<I>[] => [reference(prefix, noun), scope(), text('Title', 'title', 40, (r) => r.title), text('Description', 'description', 40, (r) => r.description), ...owner<I>()];

export const ASSUMPTION_TABLE: RegisterTable<AssumptionRow> = {
  name: 'assumptions',
  noun: 'assumption',
  prefix: 'A',
  columns: [
    ...logHead<AssumptionRow>('A', 'assumption'),
    date('Validate by', 'due', (r) => r.due),
    shownText('Validator', 20, (r) => r.validatorName),
    personEmail('Validator email', 'validatorId', (r) => r.validatorId),
    choice('Status', 'status', 12, (r) => r.status),
    text('Outcome', 'outcome', 30, (r) => r.outcome),
    ...escalation<AssumptionRow>(),
    version(),
  ],
};

export const DEPENDENCY_TABLE: RegisterTable<DependencyRow> = {
  name: 'dependencies',
  noun: 'dependency',
  prefix: 'DEP',
  columns: [
    ...logHead<DependencyRow>('DEP', 'dependency'),
    choice('Direction', 'direction', 10, (r) => r.direction),
    {
      header: 'Other project',
      kind: 'text',
      width: 14,
      field: 'otherProjectId',
      get: (r) => r.otherProjectCode,
      parse: (cell, lk) => {
        const code = cell.trim();
        if (code === '') return { value: null };
        const id = lk.projectIdByCode(code);
        return id ? { value: id } : { problem: `${code} is not the code of a project of this organisation` };
      },
    },
    { ...integer<DependencyRow>('Own task UID', 'ownTaskUid', () => null), get: (r, lk) => lk.taskUidOf(r.ownTaskId), width: 12 },
    { ...integer<DependencyRow>('Other task UID', 'otherTaskUid', () => null), get: (r, lk) => lk.taskUidOf(r.otherTaskId), width: 12 },
    date('Needed by', 'due', (r) => r.due),
    choice('Status', 'status', 12, (r) => r.status),
    ...escalation<DependencyRow>(),
    version(),
  ],
};

const REFERENCE = /^(R|I|A|DEP|DEC)-[1-9]\d*$/;

export const DECISION_TABLE: RegisterTable<DecisionRow> = {
  name: 'decisions',
  noun: 'decision',
  prefix: 'DEC',
  columns: [
    ...logHead<DecisionRow>('DEC', 'decision'),
    date('Decide by', 'due', (r) => r.due),
    {
      header: 'Options',
      kind: 'text',
      width: 40,
      field: 'options',
      get: (r) => r.options.join('\n'),
      parse: (cell) => ({ value: cell.split(/\r\n|\r|\n/).filter((o) => o.trim() !== '') }),
    },
    choice('Status', 'status', 12, (r) => r.status),
    text('Decision', 'decision', 30, (r) => r.decision),
    text('Rationale', 'rationale', 30, (r) => r.rationale),
    text('Decided by', 'decidedBy', 20, (r) => r.decidedBy),
    date('Decided on', 'decidedOn', (r) => r.decidedOn),
    {
      header: 'Linked items',
      kind: 'text',
      width: 20,
      field: 'linkRefs',
      get: (r, lk) => r.links.map((l) => lk.refOf(l) ?? '').filter((s) => s !== '').join(', '),
      parse: (cell) => {
        const refs = cell.split(/[\s,;]+/).map((s) => s.toUpperCase()).filter((s) => s !== '');
        const bad = refs.find((s) => !REFERENCE.test(s));
        return bad ? { problem: `${bad} is not a reference such as R-3, I-2, A-1, DEP-4 or DEC-5` } : { value: refs };
      },
    },
    ...escalation<DecisionRow>(),
    version(),
  ],
};
