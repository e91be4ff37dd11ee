import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { PharosError, errorTitle, httpStatus, type ErrorCode, type FieldIssue } from '../domain/errors.js';

/**
 * Turns anything thrown in a request into an RFC 9457 problem document. This is the one place
 * where unknown errors become `internal`, without leaking their internals to the client.
 */

type ZodLikeIssue = { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> };

function fieldOf(instancePath: string): string {
  return instancePath.replace(/^\//, '').replace(/\//g, '.');
}

function reasonOf(issue: ZodLikeIssue): string {
  const message = issue.message ?? 'is invalid';
  if (/received undefined/.test(message)) return 'is required';
  if (issue.keyword === 'invalid_type') {
    const expected = String(issue.params.expected ?? 'another type');
    return `must be ${expected === 'array' || expected === 'object' ? 'an' : 'a'} ${expected}`;
  }
  if (issue.keyword === 'invalid_value' && Array.isArray(issue.params.values)) {
    return `must be one of ${(issue.params.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.keyword === 'invalid_format' && issue.params.format === 'uuid') return 'must be an id (UUID)';
  return message;
}

/** Field-level issues from a zod validation failure (unknown keys become one issue each). */
function issuesFromValidation(validation: readonly ZodLikeIssue[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const v of validation) {
    const base = fieldOf(v.instancePath);
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params.keys)) {
      for (const key of v.params.keys as string[]) out.push({ field: base ? `${base}.${key}` : key, reason: 'is not a known field' });
    } else {
      out.push({ field: base || '(body)', reason: reasonOf(v) });
    }
  }
  return out;
}

export function toPharosError(error: unknown): PharosError {
  if (error instanceof PharosError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = issuesFromValidation(error.validation as unknown as ZodLikeIssue[]);
    const where = (error as { validationContext?: string }).validationContext;
    const detail = issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
    return new PharosError('validation-failed', where && where !== 'body' ? `${where}: ${detail}` : detail, { issues });
  }
  const fe = error as Partial<FastifyError> & { constraint?: string; code?: string };
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new PharosError('malformed-request', `the body is not valid JSON: ${fe.message ?? ''}`.trim());
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PharosError('payload-too-large', 'the request body is larger than the 1 MiB limit');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new PharosError('unsupported-media-type', 'send the body as application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new PharosError('malformed-request', 'the Content-Length does not match the body');
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case '23505':
      return new PharosError('duplicate', 'a record with the same key already exists');
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case '23503':
      return new PharosError('blocked-by-dependents', 'the change would break a reference between records');
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode = fe.statusCode === 413 ? 'payload-too-large' : fe.statusCode === 415 ? 'unsupported-media-type' : fe.statusCode === 404 ? 'not-found' : 'malformed-request';
    return new PharosError(code, fe.message ?? 'the request could not be read');
  }
  return new PharosError('internal', 'something went wrong on the server; the error has been logged');
}

function problemBody(err: PharosError, instance?: string): Record<string, unknown> {
  return {
    type: `https://pharos.dev/problems/${err.code}`,
    title: errorTitle(err.code),
    status: httpStatus(err.code),
    detail: err.message,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...(err.details.issues ? { issues: err.details.issues } : {}),
    ...(err.details.extensions ?? {}),
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: unknown): FastifyReply {
  const err = toPharosError(error);
  if (err.code === 'internal') request.log.error({ err: error }, 'unhandled error');
  const retry = err.details.extensions?.retryAfterSeconds;
  if (typeof retry === 'number') void reply.header('retry-after', String(retry));
  return reply
    .code(httpStatus(err.code))
    .type('application/problem+json')
    .send(problemBody(err, request.url.split('?')[0]));
}
