import { z } from 'zod';
import { IssueListQuery, LogListQuery, RaidScopeType, RiskListQuery } from './raid.schema.js';
import { QueryBoolean, Uuid } from './common.schema.js';

/** Moving RAID registers in and out of CSV and XLSX files. */

export const ExportFormat = z.enum(['csv', 'xlsx']);
const format = { format: ExportFormat.default('csv') };
const notPaged = { cursor: true, limit: true } as const;

/** The list's query (the same level, filters and order) with the file format. */
export const RiskExportQuery = RiskListQuery.omit(notPaged).extend(format);
export const IssueExportQuery = IssueListQuery.omit(notPaged).extend(format);
export const LogExportQuery = LogListQuery.omit(notPaged).extend(format);

export const RaidImportQuery = z.strictObject({
  /** The level new items are raised in; rows naming an item this level lists change that item. */
  scopeType: RaidScopeType,
  scopeId: Uuid,
  /** Check the file and report what would happen, keeping nothing. */
  dryRun: QueryBoolean.default(false),
});
export type RaidImportQuery = z.infer<typeof RaidImportQuery>;

export const RaidImportReport = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Every row read, by its row number in the file (the header is row 1). */
  rows: z.array(z.object({ row: z.number().int(), action: z.enum(['create', 'update', 'unchanged']), ref: z.string().nullable(), note: z.string().nullable() })),
  /** Each problem on its row and column; `field` is `rows[N].Column`. Empty when the file imports cleanly. */
  problems: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string(), field: z.string() })),
});
export type RaidImportReport = z.infer<typeof RaidImportReport>;
