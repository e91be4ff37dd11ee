import type { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PharosError, type FieldIssue } from '../../domain/errors.js';
import { exportRegister } from '../../services/raid-export.js';
import { importRegister, type RowSchemas } from '../../services/raid-import.js';
import type { RegisterKind } from '../../services/raid-registers.js';
import { Problem } from '../schemas/common.schema.js';
import { IssueExportQuery, LogExportQuery, RaidImportQuery, RaidImportReport, RiskExportQuery } from '../schemas/raid-transfer.schema.js';
import { AssumptionCreate, AssumptionPatch, DecisionCreate, DecisionPatch, DependencyCreate, DependencyPatch, IssueCreate, IssuePatch, RiskCreate, RiskPatch } from '../schemas/raid.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';

/** Largest register file accepted for import. */
export const RAID_IMPORT_LIMIT = 16 * 1024 * 1024;

/** Content types a register file may be sent as: CSV, XLSX, or bytes to tell apart by their first bytes. */
const FILE_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

/** A zod issue's reason in the words the rest of the API uses. */
function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : `must be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}`;
  return issue.message;
}

/** Checks a row's values against an API schema, so an import applies the very rules a request does. */
const checkerOf =
  (schema: z.ZodType) =>
  (value: unknown): ReturnType<RowSchemas['create']> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return { ok: true, value: parsed.data as Record<string, unknown> };
    return { ok: false, issues: parsed.error.issues.map((i): FieldIssue => ({ field: i.path.map(String).join('.') || '(row)', reason: reasonOf(i) })) };
  };

const SCHEMAS: Record<RegisterKind, RowSchemas> = {
  risk: { create: checkerOf(RiskCreate), patch: checkerOf(RiskPatch) },
  issue: { create: checkerOf(IssueCreate), patch: checkerOf(IssuePatch) },
  assumption: { create: checkerOf(AssumptionCreate), patch: checkerOf(AssumptionPatch) },
  dependency: { create: checkerOf(DependencyCreate), patch: checkerOf(DependencyPatch) },
  decision: { create: checkerOf(DecisionCreate), patch: checkerOf(DecisionPatch) },
};

const REGISTERS = [
  { kind: 'risk', path: 'risks', query: RiskExportQuery },
  { kind: 'issue', path: 'issues', query: IssueExportQuery },
  { kind: 'assumption', path: 'assumptions', query: LogExportQuery },
  { kind: 'dependency', path: 'dependencies', query: LogExportQuery },
  { kind: 'decision', path: 'decisions', query: LogExportQuery },
] as const;

/**
 * Each register as a file: `GET /{register}/export` writes what the list shows for the same
 * query as CSV or XLSX; `POST /{register}/import` reads one back into a level (the file as
 * the body, `text/csv` or the XLSX type), with a dry run.
 */
export function raidTransferRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['RAID'];
    app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: RAID_IMPORT_LIMIT }, (_req, body, done) => done(null, body));
    for (const r of REGISTERS) {
      app.get(`/${r.path}/export`, { schema: { tags, summary: `Download a level's ${r.path} as CSV or XLSX: the rows the list gives for the same query`, querystring: r.query }, config: { access: { action: 'read' } } }, async (req, reply) => {
        const file = await exportRegister(ctx(req), r.kind, req.query as never);
        return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
      });
      app.post(
        `/${r.path}/import`,
        {
          schema: { tags, summary: `Import ${r.path} from a CSV or XLSX file into a level (send the file as the body); all rows or none, with a dry run`, querystring: RaidImportQuery, response: { 200: RaidImportReport, 415: Problem } },
          config: { access: { action: 'raid:raise' } },
        },
        async (req) => {
          if (!Buffer.isBuffer(req.body)) {
            throw new PharosError('unsupported-media-type', `send the file as the body, as text/csv or ${FILE_TYPES[3]} (got ${req.headers['content-type'] ?? 'no content type'})`);
          }
          return importRegister(ctx(req), r.kind, req.query, req.body, req.query.dryRun, SCHEMAS[r.kind]);
        },
      );
    }
  };
}
