/** A register as a table: what the CSV and XLSX writers write and the readers give back. */

export type CellKind = 'text' | 'number' | 'date';

/** A cell to write: text, a number, or empty. Dates are `YYYY-MM-DD` text. */
export type CellValue = string | number | null;

export type SheetColumn = { header: string; kind: CellKind; /** Width in characters, for XLSX. */ width: number };

export type Sheet = { name: string; columns: readonly SheetColumn[]; rows: readonly (readonly CellValue[])[] };

/**
 * A table read from a file: the header row's cells and the rows under it, every cell as
 * text (numbers in their shortest form, dates as `YYYY-MM-DD`), with its row number as a
 * spreadsheet shows it (the header is row 1). Rows whose cells are all empty are left out.
 */
export type ReadTable = { headers: string[]; rows: { row: number; cells: string[] }[] };

/** Why a file could not be read at all (not a problem with one row). */
export class UnreadableFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFile';
  }
}

/** Builds a `ReadTable` from raw rows (first one the header), dropping empty rows and unguarding cells. */
export function tableOf(raw: readonly (readonly string[])[], unguard: (s: string) => string): ReadTable {
  const [head, ...body] = raw;
  if (!head || head.every((h) => h.trim() === '')) throw new UnreadableFile('the file has no header row: the first row must name the columns');
  const headers = head.map((h) => h.trim());
  const rows: ReadTable['rows'] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    rows.push({ row: i + 2, cells: headers.map((_, c) => unguard(cells[c] ?? '')) });
  });
  return { headers, rows };
}
