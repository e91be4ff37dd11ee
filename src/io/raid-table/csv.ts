import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { guardCell, unguardCell } from './cell-guard.js';
import { tableOf, UnreadableFile, type ReadTable, type Sheet } from './sheet.js';

/** CSV per RFC 4180: comma-separated, CRLF rows, fields with commas, quotes or line breaks quoted. */

const BOM = '\uFEFF';

/**
 * The sheet as CSV bytes: UTF-8 with a byte-order mark (so Excel reads accents right), the
 * header row first, text cells guarded against formula injection.
 */
export function writeCsv(sheet: Sheet): Buffer {
  const rows = [sheet.columns.map((c) => guardCell(c.header)), ...sheet.rows.map((r) => r.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : guardCell(v))))];
  return Buffer.from(BOM + stringify(rows, { record_delimiter: '\r\n', quoted_match: /^\s|\s$|[\r\n]/ }), 'utf8');
}

/** The delimiter of a CSV file: a comma, unless the header line has semicolons and no commas (Excel in many locales). */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/** Reads CSV bytes (UTF-8, with or without a byte-order mark; comma or semicolon separated). */
export function readCsv(bytes: Uint8Array): ReadTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableFile('the file is not UTF-8 text: save it as "CSV UTF-8" (or as an Excel workbook) and import it again');
  }
  if (text.startsWith(BOM)) text = text.slice(1);
  let raw: string[][];
  try {
    raw = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    throw new UnreadableFile(`the file is not valid CSV: ${(e as Error).message}`);
  }
  return tableOf(raw, unguardCell);
}
