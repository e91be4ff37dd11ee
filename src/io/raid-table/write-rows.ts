import type { ExportLookups, RegisterTable } from './columns.js';
import type { Sheet } from './sheet.js';

/** A register's items as a sheet: one row per item, the register's columns in order. */
export function sheetOf<I>(register: RegisterTable<I>, items: readonly I[], lookups: ExportLookups): Sheet {
  const columns = register.columns.map(({ header, kind, width }) => ({ header, kind, width }));
  return { name: register.name.charAt(0).toUpperCase() + register.name.slice(1), columns, rows: items.map((item) => register.columns.map((c) => c.get(item, lookups))) };
}
