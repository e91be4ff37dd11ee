import ExcelJS from 'exceljs';
import { guardCell, unguardCell } from './cell-guard.js';
import { tableOf, UnreadableFile, type ReadTable, type Sheet } from './sheet.js';

/** Excel workbooks (Office Open XML), written and read with exceljs. */

const dateOf = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const isIsoDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
/** Characters XML 1.0 cannot hold (so a workbook cannot): shown as U+FFFD rather than breaking the file. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlText = (s: string): string => s.replace(NOT_XML, '\uFFFD');

/**
 * The sheet as an XLSX workbook of one worksheet: a bold, shaded header row that stays in
 * view when scrolling, an auto-filter over the columns, set widths, dates as real dates
 * shown `yyyy-mm-dd`, text guarded against formula injection. A workbook keeps line breaks
 * as LF only, and cannot hold control characters other than tab and line breaks.
 */
export async function writeXlsx(sheet: Sheet, meta: { creator: string; created: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator;
  wb.created = meta.created;
  const ws = wb.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = sheet.columns.map((c) => ({ header: xmlText(guardCell(c.header)), width: c.width, ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
  for (const r of sheet.rows) {
    ws.addRow(r.map((v, i) => (v === null ? null : typeof v === 'number' ? v : sheet.columns[i]?.kind === 'date' && isIsoDate(v) ? dateOf(v) : xmlText(guardCell(v)))));
  }
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF868E96' } } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, sheet.columns.length) } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell's value as text: numbers in their shortest form, dates `YYYY-MM-DD`, rich text and links as their text, formulas as their result. */
function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : textOf(value.text as ExcelJS.CellValue);
  if ('result' in value) return textOf((value.result ?? null) as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

/** Reads the first worksheet of an XLSX workbook. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new UnreadableFile(`the file is not a readable Excel workbook (.xlsx): ${(e as Error).message}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new UnreadableFile('the workbook has no worksheet');
  const width = ws.getRow(1).cellCount;
  const raw: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(textOf(row.getCell(c).value));
    raw.push(cells);
  }
  return tableOf(raw, unguardCell);
}
