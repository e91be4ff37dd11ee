/**
 * Reads a PSPLIB single-mode project file (`.sm`, Kolisch and Sprecher 1996) into the input of
 * the RCPSP engine. Pure: the caller reads the file. Job k of the file (1-based) is job k − 1 of
 * the result, labelled "k"; arcs are finish-to-start with no lag.
 */
import { PharosError } from '../../domain/errors.js';
import type { RcpspInput } from '../../domain/schedule/rcpsp/index.js';

export type PsplibProject = {
  input: RcpspInput;
  /** Number of jobs, the two dummies (source and sink) included. */
  jobs: number;
  /** The file's horizon: the sum of all durations, an upper bound on any sensible makespan. */
  horizon: number;
};

type Cursor = { lines: string[]; at: number; source: string };

function fail(c: Cursor, line: number, reason: string): PharosError {
  const where = `${c.source ? `${c.source} ` : ''}line ${line}`;
  return new PharosError('malformed-request', `${where}: ${reason}`, { issues: [{ field: `line ${line}`, reason }] });
}

/** Moves to the next line matching `pattern` and returns its 1-based number. */
function seek(c: Cursor, pattern: RegExp, what: string): number {
  while (c.at < c.lines.length && !pattern.test(c.lines[c.at]!)) c.at++;
  if (c.at >= c.lines.length) throw fail(c, c.lines.length, `missing ${what}`);
  return ++c.at;
}

/** The whole number after the colon of line `line`. */
function headerValue(c: Cursor, line: number, what: string): number {
  const m = /:\s*(\d+)/.exec(c.lines[line - 1]!);
  if (!m) throw fail(c, line, `${what} is not a whole number`);
  return Number(m[1]);
}

/** The next line as whole numbers, with its 1-based number. */
function numbers(c: Cursor, what: string): { line: number; values: number[] } {
  if (c.at >= c.lines.length) throw fail(c, c.lines.length, `the file ends before ${what}`);
  const line = ++c.at;
  const text = c.lines[line - 1]!.trim();
  if (text === '') {
    const rest = c.lines.slice(line).every((l) => l.trim() === '');
    throw fail(c, line, rest ? `the file ends before ${what}` : `expected ${what}, found an empty line`);
  }
  const fields = text.split(/\s+/);
  if (fields.some((f) => !/^\d+$/.test(f))) throw fail(c, line, `expected ${what} as whole numbers, found "${text}"`);
  return { line, values: fields.map(Number) };
}

/**
 * Parses the text of a `.sm` file. `source` (a file name) prefixes error messages.
 *
 * @throws PharosError `malformed-request` naming the line when the text is not a single-mode PSPLIB file.
 * @example
 * const { input } = parseSm(readFileSync('j301_1.sm', 'utf8'), 'j301_1.sm');
 * solveRcpsp(input).makespan // 43
 */
export function parseSm(text: string, source = ''): PsplibProject {
  const c: Cursor = { lines: text.split(/\r?\n/), at: 0, source };
  const n = headerValue(c, seek(c, /^jobs \(incl\. supersource\/sink \)\s*:/, '"jobs (incl. supersource/sink ):"'), 'the number of jobs');
  const horizon = headerValue(c, seek(c, /^horizon\s*:/, '"horizon:"'), 'the horizon');
  const R = headerValue(c, seek(c, /^\s*- renewable\s*:/, '"- renewable:"'), 'the number of renewable resources');
  const nonRenewable = headerValue(c, seek(c, /^\s*- nonrenewable\s*:/, '"- nonrenewable:"'), 'the number of non-renewable resources');
  if (n < 1) throw fail(c, 1, 'the project has no jobs');

  seek(c, /^PRECEDENCE RELATIONS:/, '"PRECEDENCE RELATIONS:"');
  c.at++; // column titles
  const from: number[] = [];
  const to: number[] = [];
  for (let j = 0; j < n; j++) {
    const { line, values } = numbers(c, `the precedence row of job ${j + 1}`);
    const [job, modes, count] = values;
    if (job !== j + 1) throw fail(c, line, `expected the precedence row of job ${j + 1}, found job ${job ?? 'none'}`);
    if (modes !== 1) throw fail(c, line, `job ${job} has ${modes ?? 'no'} modes; only single-mode files (.sm) are supported`);
    if (count === undefined || values.length !== 3 + count) throw fail(c, line, `job ${job} announces ${count ?? 'no'} successors but lists ${Math.max(0, values.length - 3)}`);
    for (const s of values.slice(3)) {
      if (s < 1 || s > n) throw fail(c, line, `job ${job} has successor ${s}, but jobs are numbered 1 to ${n}`);
      from.push(j);
      to.push(s - 1);
    }
  }

  seek(c, /^REQUESTS\/DURATIONS:/, '"REQUESTS/DURATIONS:"');
  c.at += 2; // column titles and the dashed line
  const durations = new Int32Array(n);
  const demands = new Int32Array(n * R);
  for (let j = 0; j < n; j++) {
    const { line, values } = numbers(c, `the request row of job ${j + 1}`);
    if (values[0] !== j + 1) throw fail(c, line, `expected the request row of job ${j + 1}, found job ${values[0] ?? 'none'}`);
    if (values.length !== 3 + R + nonRenewable) throw fail(c, line, `job ${j + 1} has ${values.length} columns, expected ${3 + R + nonRenewable} (job, mode, duration, ${R + nonRenewable} resources)`);
    durations[j] = values[2]!;
    for (let r = 0; r < R; r++) demands[j * R + r] = values[3 + r]!;
  }

  seek(c, /^RESOURCEAVAILABILITIES:/, '"RESOURCEAVAILABILITIES:"');
  c.at++; // resource names
  const { line, values } = numbers(c, 'the resource availabilities');
  if (values.length !== R + nonRenewable) throw fail(c, line, `expected ${R + nonRenewable} availabilities, found ${values.length}`);
  const capacities = Int32Array.from(values.slice(0, R));
  const labels = Array.from({ length: n }, (_, j) => String(j + 1));
  return {
    input: { durations, capacities, demands, arcs: { from: Int32Array.from(from), to: Int32Array.from(to) }, labels },
    jobs: n,
    horizon,
  };
}
