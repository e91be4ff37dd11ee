import type { ImportLookups, RegisterColumn, RegisterTable } from './columns.js';
import type { ReadTable } from './sheet.js';

/** Turns a table read from a file into one record per row, by the register's columns. */

/** A problem with one cell: its row as a spreadsheet numbers it (the header is row 1) and its column's header. */
export type CellProblem = { row: number; column: string; reason: string };

/** One row's values by field (only the fields its file has columns for), and which column gave each field. */
export type RowRecord = { row: number; values: Record<string, unknown>; columnOf: Record<string, string> };

export type ReadRows = { records: RowRecord[]; problems: CellProblem[] };

const normal = (h: string): string => h.trim().replace(/\s+/g, ' ').toLowerCase();

/** The field name a problem is reported under: `rows[N].Column`. */
export const problemField = (p: Pick<CellProblem, 'row' | 'column'>): string => `rows[${p.row}].${p.column}`;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Matches the header row to the register's columns (case and spacing do not matter; an
 * unknown or repeated header is a problem) and reads every cell of every row. Where two
 * columns set one field (`Probability` and `Probability level`) they must agree.
 */
export function readRows<I>(table: ReadTable, register: RegisterTable<I>, lookups: ImportLookups): ReadRows {
  const problems: CellProblem[] = [];
  const byHeader = new Map(register.columns.map((c) => [normal(c.header), c] as const));
  const used: (RegisterColumn<I> | null)[] = [];
  const seen = new Set<RegisterColumn<I>>();
  for (const h of table.headers) {
    const column = h === '' ? undefined : byHeader.get(normal(h));
    if (h === '') used.push(null);
    else if (!column) {
      problems.push({ row: 1, column: h, reason: `is not a column of the ${register.noun} register (its columns: ${register.columns.map((c) => c.header).join(', ')})` });
      used.push(null);
    } else if (seen.has(column)) {
      problems.push({ row: 1, column: h, reason: 'is repeated: each column may appear once' });
      used.push(null);
    } else {
      seen.add(column);
      used.push(column);
    }
  }
  const records: RowRecord[] = [];
  for (const { row, cells } of table.rows) {
    const values: Record<string, unknown> = {};
    const columnOf: Record<string, string> = {};
    cells.forEach((cell, i) => {
      const column = used[i];
      if (!column?.field || !column.parse) return;
      const parsed = column.parse(cell, lookups);
      if ('problem' in parsed) return void problems.push({ row, column: column.header, reason: parsed.problem });
      if ('skip' in parsed) return;
      const field = column.field;
      if (field in values && !same(values[field], parsed.value)) {
        return void problems.push({ row, column: column.header, reason: `says ${cell.trim()} but ${columnOf[field]} says otherwise: change both, or clear one` });
      }
      values[field] = parsed.value;
      columnOf[field] ??= column.header;
    });
    records.push({ row, values, columnOf });
  }
  return { records, problems };
}

/** The header of the column a field's problem belongs to: the column this row read it from, else the register's first column for it, else the field itself. */
export function columnForField<I>(register: RegisterTable<I>, record: RowRecord, field: string): string {
  const head = field.split('.')[0]!;
  return record.columnOf[head] ?? register.columns.find((c) => c.field === head)?.header ?? head;
}
