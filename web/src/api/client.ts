/**
 * The one place the web app talks HTTP. Every failure becomes an `ApiError` carrying the
 * server's problem+json document, so pages can put each issue on the field it names.
 */

export type FieldIssue = { field: string; reason: string };

export type Problem = {
  status: number;
  code: string;
  title?: string;
  detail: string;
  issues?: FieldIssue[];
  currentVersion?: number;
  current?: unknown;
};

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** The reasons the server gave for one field (e.g. `plannedFinish`), if any. */
  issueFor(field: string): string | undefined {
    return this.problem.issues?.find((i) => i.field === field)?.reason;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

let csrfToken: string | null = null;

/** Set from the `Me` document after sign-in or on load; sent with every change. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `/api/v1` + path + the defined query parameters. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'detail' in body;
}

async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown; signal?: AbortSignal; contentType?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : options.contentType ? (options.body as string | Blob) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network', detail: 'The server could not be reached. Check your connection and try again.' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(
      isProblem(body) ? { ...body, status: response.status } : { status: response.status, code: 'http', detail: `The server answered ${response.status}.` },
    );
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  /** Sends a text document (an uploaded file) as it is, with its content type. */
  postText: <T>(path: string, text: string, contentType: string, query?: Query) => request<T>('POST', path, { body: text, contentType, query }),
  /** Sends a file (an upload, text or binary) as it is, with its content type. */
  postFile: <T>(path: string, file: Blob, contentType: string, query?: Query) => request<T>('POST', path, { body: file, contentType, query }),
  delete: <T = void>(path: string, query?: Query) => request<T>('DELETE', path, { query }),
};
