import type { CellValue, SheetColumn } from './sheet.js';

/**
 * How a register's columns read and write cells. A column that has a `field` is read on
 * import into that field of the row's record (the same name as in the API); the others
 * (scores, bands, names, escalation reasons …) are written for reading and ignored on import.
 */

/** A rating scale of the organisation's matrix: level n is `labels[n - 1]`. */
export type Scale = readonly { readonly label: string }[];

export type ExportLookups = {
  probability: Scale;
  impact: Scale;
  emailOf(userId: string | null): string | null;
  taskUidOf(taskId: string | null): number | null;
  refOf(link: { type: string; id: string }): string | null;
};

export type ImportLookups = {
  probability: Scale;
  impact: Scale;
  /** The user id of an organisation member's email (case-insensitive). */
  userIdByEmail(email: string): string | undefined;
  /** The id of a project of the organisation by its code. */
  projectIdByCode(code: string): string | undefined;
};

/** What a cell holds for its field: a value, nothing (leave the field as it is), or a reason it cannot be read. */
export type Parsed = { value: unknown } | { skip: true } | { problem: string };

export type RegisterColumn<Item> = SheetColumn & {
  get(item: Item, lk: ExportLookups): CellValue;
  field?: string;
  parse?(cell: string, lk: ImportLookups): Parsed;
};

export type RegisterTable<Item> = {
  /** The worksheet's name and the noun in file names (`risks`, `issues` …). */
  name: string;
  /** What one row is, for messages: `risk`, `issue` … */
  noun: string;
  /** The reference prefix: `R`, `I`, `A`, `DEP`, `DEC`. */
  prefix: string;
  columns: readonly RegisterColumn<Item>[];
};

const skip: Parsed = { skip: true };
const blank = (cell: string) => cell.trim() === '';

/** Free text, kept exactly as written; an empty cell is empty text. */
export const text = <I>(header: string, field: string, width: number, get: (i: I) => string): RegisterColumn<I> => ({ header, kind: 'text', width, field, get, parse: (cell) => ({ value: cell }) });

/** Text that may be absent: an empty cell is `null`. */
export const optionalText = <I>(header: string, field: string, width: number, get: (i: I) => string | null): RegisterColumn<I> => ({ header, kind: 'text', width, field, get, parse: (cell) => ({ value: blank(cell) ? null : cell }) });

/** One of a fixed set of words, any case; an empty cell leaves the field as it is (`null` when `emptyIsNull`). */
export const choice = <I>(header: string, field: string, width: number, get: (i: I) => string | null, emptyIsNull = false): RegisterColumn<I> => ({
  header,
  kind: 'text',
  width,
  field,
  get,
  parse: (cell) => (blank(cell) ? (emptyIsNull ? { value: null } : skip) : { value: cell.trim().toLowerCase() }),
});

/** A calendar date written `YYYY-MM-DD`; an empty cell is `null`. The date's own rules are checked by the schema. */
export const date = <I>(header: string, field: string, get: (i: I) => string | null): RegisterColumn<I> => ({ header, kind: 'date', width: 12, field, get, parse: (cell) => ({ value: blank(cell) ? null : cell.trim() }) });

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
/** `yes` or `no` (also y/n, true/false, 1/0); an empty cell leaves the field as it is. */
export const yesNo = <I>(header: string, field: string, get: (i: I) => boolean): RegisterColumn<I> => ({
  header,
  kind: 'text',
  width: 10,
  field,
  get: (i) => (get(i) ? 'yes' : 'no'),
  parse: (cell) => {
    const v = cell.trim().toLowerCase();
    if (v === '') return skip;
    if (YES.has(v)) return { value: true };
    if (NO.has(v)) return { value: false };
    return { problem: 'must be yes or no' };
  },
});

const wholeNumber = (cell: string): Parsed => {
  const v = cell.trim();
  return /^[+-]?\d+(\.0+)?$/.test(v) ? { value: Number.parseInt(v, 10) } : { problem: 'must be a whole number' };
};

/** A whole number; an empty cell leaves the field as it is. */
export const integer = <I>(header: string, field: string, get: (i: I) => number | null): RegisterColumn<I> => ({ header, kind: 'number', width: 9, field, get, parse: (cell) => (blank(cell) ? skip : wholeNumber(cell)) });

/** A number written for reading only. */
export const shownNumber = <I>(header: string, get: (i: I) => number | null, width = 9): RegisterColumn<I> => ({ header, kind: 'number', width, get });
/** Text written for reading only. */
export const shownText = <I>(header: string, width: number, get: (i: I, lk: ExportLookups) => string | null): RegisterColumn<I> => ({ header, kind: 'text', width, get });

type ScaleName = 'probability' | 'impact';
const levelOf = (scale: Scale, cell: string): Parsed => {
  const v = cell.trim();
  if (/^\d+(\.0+)?$/.test(v)) return { value: Number.parseInt(v, 10) };
  const i = scale.findIndex((l) => l.label.toLowerCase() === v.toLowerCase());
  if (i >= 0) return { value: i + 1 };
  return { problem: `must be a level from 1 to ${scale.length} or one of the matrix's labels (${scale.map((l) => l.label).join(', ')})` };
};

/**
 * A rating on one of the matrix's scales, written as its label and read as a label or a
 * level number. With `required`, an empty cell leaves the field as it is; otherwise it is `null`.
 */
export const ratingLabel = <I>(header: string, field: string, scale: ScaleName, get: (i: I) => number | null, required: boolean): RegisterColumn<I> => ({
  header,
  kind: 'text',
  width: 12,
  field,
  get: (i, lk) => {
    const level = get(i);
    return level === null ? null : (lk[scale][level - 1]?.label ?? String(level));
  },
  parse: (cell, lk) => (blank(cell) ? (required ? skip : { value: null }) : levelOf(lk[scale], cell)),
});

/** The same rating as its level number (read as a number or a label too). */
export const ratingLevel = <I>(header: string, field: string, scale: ScaleName, get: (i: I) => number | null, required: boolean): RegisterColumn<I> => ({
  header,
  kind: 'number',
  width: 9,
  field,
  get,
  parse: (cell, lk) => (blank(cell) ? (required ? skip : { value: null }) : levelOf(lk[scale], cell)),
});

/** A person by email; the column holds the email and sets the id. An empty cell is nobody. */
export const personEmail = <I>(header: string, field: string, get: (i: I) => string | null): RegisterColumn<I> => ({
  header,
  kind: 'text',
  width: 28,
  field,
  get: (i, lk) => lk.emailOf(get(i)),
  parse: (cell, lk) => {
    if (blank(cell)) return { value: null };
    const id = lk.userIdByEmail(cell.trim());
    return id ? { value: id } : { problem: `${cell.trim()} is not the email of a member of this organisation` };
  },
});

/** The item's reference (`R-12`): names the item a row updates. */
export const reference = <I extends { ref: string }>(prefix: string, noun: string): RegisterColumn<I> => ({
  header: 'Ref',
  kind: 'text',
  width: 8,
  field: 'ref',
  get: (i) => i.ref,
  parse: (cell) => {
    const v = cell.trim().toUpperCase();
    if (v === '') return skip;
    return new RegExp(`^${prefix}-[1-9]\\d*$`).test(v) ? { value: v } : { problem: `must be a ${noun} reference such as ${prefix}-12, or empty for a new ${noun}` };
  },
});

/** The version the row was exported at: an update based on an older one is refused. */
export const version = <I extends { version: number }>(): RegisterColumn<I> => ({ header: 'Version', kind: 'number', width: 9, field: 'version', get: (i) => i.version, parse: (cell) => (blank(cell) ? skip : wholeNumber(cell)) });

/** Where the item is raised, by code (for reading: an import goes into the level it is sent to). */
export const scope = <I extends { scopeCode: string }>(): RegisterColumn<I> => shownText('Scope', 12, (i) => i.scopeCode);
