import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Dialect } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { decodeCursor, encodeCursor } from './cursor.js';

/**
 * Keyset pagination shared by every list: order by one column then id, and continue after
 * the last row of the previous page. Text orders by code point on both dialects (PostgreSQL
 * `COLLATE "C"`, SQLite's BINARY) so a page boundary means the same thing everywhere.
 */

export type SortColumn = {
  /** `table.column` in camelCase. */
  column: string;
  text: boolean;
  /**
   * Values that stand in for NULL so blanks sort last in both directions and identically on
   * both dialects: `asc` must sort after every real value, `desc` before every real value.
   */
  nullAs?: { asc: string | number; desc: string | number };
  /** Sort by this expression of the row instead of the raw column (e.g. a lifecycle rank). */
  expression?: RawBuilder<unknown>;
};

export type Sort = { key: string; desc: boolean };

/** `-name` → `{ key: 'name', desc: true }`. */
export function parseSort(sort: string): Sort {
  return sort.startsWith('-') ? { key: sort.slice(1), desc: true } : { key: sort, desc: false };
}

/** The expression a list orders by (also selected, so the cursor can carry its value). */
export function sortExpression(col: SortColumn, desc: boolean, dialect: Dialect): RawBuilder<unknown> {
  let e: RawBuilder<unknown> = col.expression ?? sql`${sql.ref(col.column)}`;
  if (col.nullAs !== undefined) e = sql`coalesce(${e}, ${desc ? col.nullAs.desc : col.nullAs.asc})`;
  if (col.text && dialect === 'postgres') e = sql`${e} collate "C"`;
  return e;
}

/** Adds ORDER BY, the seek condition for `cursor`, and LIMIT `limit + 1` (to know if more follow). */
export function seek<TB extends keyof Database, O>(
  qb: SelectQueryBuilder<Database, TB, O>,
  opts: { table: string; sortColumn: SortColumn; sort: Sort; sortName: string; cursor: string | undefined; limit: number; dialect: Dialect },
): SelectQueryBuilder<Database, TB, O> {
  const expr = sortExpression(opts.sortColumn, opts.sort.desc, opts.dialect);
  const idRef = sql.ref(`${opts.table}.id`);
  let q = qb;
  if (opts.cursor) {
    const [value, lastId] = decodeCursor(opts.cursor, opts.sortName);
    const op = opts.sort.desc ? sql`<` : sql`>`;
    q = q.where(sql<boolean>`(${expr} ${op} ${value} or (${expr} = ${value} and ${idRef} ${op} ${lastId}))`);
  }
  const dir = opts.sort.desc ? sql`desc` : sql`asc`;
  return q
    .orderBy(sql`${expr} ${dir}`)
    .orderBy(sql`${idRef} ${dir}`)
    .limit(opts.limit + 1);
}

/** Cuts the extra row and makes the next cursor from the last row kept. */
export function pageOf<R extends { id: string }>(
  rows: readonly R[],
  opts: { limit: number; sortName: string; sortColumn: SortColumn; sort: Sort; valueOf: (row: R) => unknown },
): { rows: R[]; nextCursor: string | null } {
  const kept = rows.slice(0, opts.limit);
  const last = kept[kept.length - 1];
  if (rows.length <= opts.limit || !last) return { rows: kept, nextCursor: null };
  const raw = opts.valueOf(last);
  const blank = opts.sortColumn.nullAs ? (opts.sort.desc ? opts.sortColumn.nullAs.desc : opts.sortColumn.nullAs.asc) : null;
  const value = raw === null || raw === undefined ? blank : raw;
  return { rows: kept, nextCursor: encodeCursor(opts.sortName, value, last.id) };
}

/** `%` and `_` typed by a user match themselves (escaped with `\`). */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Case-insensitive "contains" over any of `columns`, with the user's text matched literally.
 * Both dialects get an explicit ESCAPE clause (SQLite has no default escape character).
 */
export function containsText(columns: readonly string[], text: string): RawBuilder<boolean> {
  const pattern = likePattern(text.toLowerCase());
  const parts = columns.map((c) => sql`lower(${sql.ref(c)}) like ${pattern} escape '\\'`);
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** Rows whose JSON array column holds exactly this string element. */
export function jsonArrayHas(column: string, value: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${likePattern(JSON.stringify(value))} escape '\\'`;
}
