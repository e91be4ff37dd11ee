/**
 * The one registry of Pharos error codes. Every failure a user can meet has a code here,
 * a title, and an HTTP status; the API turns them into RFC 9457 problem+json and the CLI
 * into a one-line message and an exit code.
 */

export const ERROR_CODES = [
  'validation-failed',
  'malformed-request',
  'payload-too-large',
  'unauthenticated',
  'csrf-failed',
  'forbidden',
  'not-found',
  'version-conflict',
  'blocked-by-dependents',
  'duplicate',
  'cycle',
  'unaligned-project',
  'invalid-transition',
  'rate-limited',
  'unsupported-media-type',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field: `field` is a dotted path such as `plannedFinish` or `tags.2`. */
export type FieldIssue = { field: string; reason: string };

export type ErrorDetails = {
  /** Field-level problems, for validation errors. */
  issues?: readonly FieldIssue[];
  /** Extra machine-readable members of the problem document (e.g. `blockedBy`, `currentVersion`). */
  extensions?: Record<string, unknown>;
};

/** A failure with a registered code; `message` is the human-readable detail. */
export class PharosError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, detail: string, details: ErrorDetails = {}) {
    super(detail);
    this.name = 'PharosError';
    this.code = code;
    this.details = details;
  }
}

/** A validation failure naming each bad field; the detail line joins them. */
export function invalid(issues: readonly FieldIssue[]): PharosError {
  const detail = issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
  return new PharosError('validation-failed', detail, { issues });
}

export function errorTitle(code: ErrorCode): string {
  switch (code) {
    case 'validation-failed':
      return 'The request has invalid fields';
    case 'malformed-request':
      return 'The request could not be read';
    case 'payload-too-large':
      return 'The request body is too large';
    case 'unauthenticated':
      return 'Sign-in required';
    case 'csrf-failed':
      return 'Missing or wrong CSRF token';
    case 'forbidden':
      return 'Not allowed';
    case 'not-found':
      return 'Not found';
    case 'version-conflict':
      return 'The record changed since you read it';
    case 'blocked-by-dependents':
      return 'Other records depend on this one';
    case 'duplicate':
      return 'A record with that key already exists';
    case 'cycle':
      return 'The change would create a cycle';
    case 'unaligned-project':
      return 'The project is not aligned to any strategic objective';
    case 'invalid-transition':
      return 'The record’s status does not allow this step';
    case 'rate-limited':
      return 'Too many attempts';
    case 'unsupported-media-type':
      return 'Unsupported content type';
    case 'internal':
      return 'Internal error';
  }
}

/** HTTP status of each code. Exhaustive: a new code fails to compile until it is mapped. */
export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'validation-failed':
      return 422;
    case 'malformed-request':
      return 400;
    case 'payload-too-large':
      return 413;
    case 'unauthenticated':
      return 401;
    case 'csrf-failed':
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'version-conflict':
    case 'blocked-by-dependents':
    case 'duplicate':
    case 'cycle':
    case 'unaligned-project':
    case 'invalid-transition':
      return 409;
    case 'rate-limited':
      return 429;
    case 'unsupported-media-type':
      return 415;
    case 'internal':
      return 500;
  }
}

/** Process exit code for the CLI: 2 for bad input, 3 for conflicts, 4 for auth, 1 otherwise. */
export function exitCode(code: ErrorCode): number {
  switch (httpStatus(code)) {
    case 400:
    case 413:
    case 415:
    case 422:
      return 2;
    case 409:
      return 3;
    case 401:
    case 403:
    case 404:
      return 4;
    default:
      return 1;
  }
}
