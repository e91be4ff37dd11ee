/** RAID registers as CSV and XLSX tables: columns, reading and writing. Pure: bytes in, bytes out. */
export { guardCell, unguardCell } from './cell-guard.js';
export type { ExportLookups, ImportLookups, RegisterColumn, RegisterTable } from './columns.js';
export { readCsv, writeCsv } from './csv.js';
export { columnForField, problemField, readRows, type CellProblem, type ReadRows, type RowRecord } from './read-rows.js';
export { ASSUMPTION_TABLE, DECISION_TABLE, DEPENDENCY_TABLE, ISSUE_TABLE, RISK_TABLE, type AssumptionRow, type DecisionRow, type DependencyRow, type IssueRow, type RiskRow } from './registers.js';
export { UnreadableFile, type ReadTable, type Sheet } from './sheet.js';
export { sheetOf } from './write-rows.js';
export { readXlsx, writeXlsx } from './xlsx.js';

/** Whether bytes are a zip archive, as every XLSX workbook is. */
export const looksLikeXlsx = (bytes: Uint8Array): boolean => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
