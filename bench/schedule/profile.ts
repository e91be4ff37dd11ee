import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ScheduleInput, ScheduleResult } from '../../src/domain/schedule/types.js';
import { planFiles, ROOT, TMP } from './plans.js';

/**
 * `node --import tsx bench/schedule/profile.ts [--size 100000] [--runs 10] [--no-inlining] [--from <cpuprofile>]`: where the
 * engine's time goes on the full generated plan. Compiles src/domain/schedule with tsc
 * (source maps; tsc keeps the statements on their lines, unlike tsx, which emits each module
 * on one line so a profile's line ticks say nothing) into bench/.tmp/schedule/build, runs it
 * under `node --cpu-prof` in a child (one cold call and `runs` warm calls), then prints the
 * share of the time inside `schedule()` by phase (inclusive), by function (self), and by
 * source line (self), with TypeScript file:line. V8 inlines small functions (the clock
 * arithmetic) into their callers, so their time counts as the caller's and line ticks blur;
 * `--no-inlining` (V8's `--no-turbo-inlining`) gives exact lines at some cost in speed.
 */

const BUILD = join(TMP, 'build');

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '10' },
    seed: { type: 'string', default: '20260105' },
    top: { type: 'string', default: '20' },
    child: { type: 'string' },
    'no-inlining': { type: 'boolean', default: false },
    from: { type: 'string' },
  },
});

if (values.child) {
  // In the profiled child: `values.child` is the plan file.
  const engine = (await import(pathToFileURL(join(BUILD, 'domain', 'schedule', 'schedule.js')).href)) as { schedule: (input: ScheduleInput) => ScheduleResult };
  const input = JSON.parse(readFileSync(values.child, 'utf8')) as ScheduleInput;
  const runs = Number(values.runs);
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    engine.schedule(input);
    console.log(`${r === 0 ? 'cold' : `warm ${r}`}: ${(performance.now() - t0).toFixed(1)} ms`);
  }
  process.exit(0);
}

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[]; positionTicks?: { line: number; ticks: number }[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** For each generated line of a source map, the original (0-based) line of each segment's column: [[column, line], …]. */
function decodeLines(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let origLine = 0;
  for (const lineText of mappings.split(';')) {
    const segs: [number, number][] = [];
    let col = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      col += fields[0]!;
      if (fields.length >= 4) {
        origLine += fields[2]!;
        segs.push([col, origLine]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

type SourceMapInfo = { lines: [number, number][][]; source: string; text: string[] };
const maps = new Map<string, SourceMapInfo | null>();

function sourceMapOf(url: string): SourceMapInfo | null {
  if (maps.has(url)) return maps.get(url)!;
  let info: SourceMapInfo | null = null;
  try {
    const file = fileURLToPath(url);
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { mappings: string; sources: string[] };
    const source = join(dirname(file), map.sources[0]!);
    info = { lines: decodeLines(map.mappings), source, text: readFileSync(source, 'utf8').split('\n') };
  } catch {
    info = null;
  }
  maps.set(url, info);
  return info;
}

/** TypeScript file:line (1-based) of a generated position (0-based line, column; column −1 = the line's first segment). */
function original(url: string, line: number, column: number): { where: string; text: string } | null {
  const m = sourceMapOf(url);
  if (!m) return null;
  // Past the end: a tick of code inlined from another script. A line with no mapping (a
  // closing brace, say) belongs to the statement mapped before it.
  if (line >= m.lines.length) return null;
  let segs = m.lines[line];
  for (let l = line; (!segs || segs.length === 0) && l > 0; ) segs = m.lines[--l];
  if (!segs || segs.length === 0) return null;
  let best = segs[0]!;
  if (column >= 0) for (const s of segs) if (s[0] <= column) best = s;
  return { where: `${relative(ROOT, m.source)}:${best[1] + 1}`, text: (m.text[best[1]] ?? '').trim() };
}

function summarise(profile: Profile, top: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isEngine = (n: ProfileNode): boolean => n.callFrame.url.startsWith(pathToFileURL(BUILD).href);
  const isSchedule = (n: ProfileNode): boolean => n.callFrame.functionName === 'schedule' && n.callFrame.url.endsWith('/schedule.js');
  // Time per sample: the delta to the next one.
  const dt = profile.timeDeltas;
  const time = new Map<number, number>();
  profile.samples.forEach((s, i) => time.set(s, (time.get(s) ?? 0) + (dt[i + 1] ?? 0)));
  const underSchedule = new Map<number, ProfileNode | null>();
  const scheduleOf = (id: number): ProfileNode | null => {
    if (underSchedule.has(id)) return underSchedule.get(id)!;
    const n = byId.get(id)!;
    const p = parent.get(id);
    const r = isSchedule(n) ? n : p === undefined ? null : scheduleOf(p);
    underSchedule.set(id, r);
    return r;
  };
  let total = 0;
  let inSchedule = 0;
  let gc = 0;
  const selfFn = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const selfLine = new Map<string, number>();
  const label = (n: ProfileNode): string => {
    const f = n.callFrame;
    const name = f.functionName || '(anonymous)';
    if (!isEngine(n)) return `${name} ${f.url ? relative(ROOT, f.url.startsWith('file:') ? fileURLToPath(f.url) : f.url) : '(native)'}`;
    const o = original(f.url, f.lineNumber, f.columnNumber);
    return `${name} ${o ? o.where : f.url}`;
  };
  for (const [id, t] of time) {
    total += t;
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(garbage collector)') gc += t;
    if (!scheduleOf(id)) continue;
    inSchedule += t;
    const key = label(n);
    selfFn.set(key, (selfFn.get(key) ?? 0) + t);
    // Inclusive: every distinct function on the stack up to schedule().
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur)!;
      const k = label(c);
      if (!seen.has(k)) {
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + t);
      }
      if (isSchedule(c)) break;
    }
  }
  // Line ticks (counts, not time): spread each node's self time over its lines by their tick share.
  for (const n of profile.nodes) {
    if (!n.positionTicks || !isEngine(n) || !scheduleOf(n.id)) continue;
    const ticks = n.positionTicks.reduce((a, p) => a + p.ticks, 0);
    const t = time.get(n.id) ?? 0;
    for (const p of n.positionTicks) {
      const o = original(n.callFrame.url, p.line - 1, -1);
      const key = o ? `${o.where}  ${o.text.slice(0, 90)}` : `(code inlined into ${n.callFrame.functionName} from another file)`;
      selfLine.set(key, (selfLine.get(key) ?? 0) + (t * p.ticks) / ticks);
    }
  }
  const pct = (t: number): string => `${((100 * t) / inSchedule).toFixed(1).padStart(5)}%`;
  console.log(`\nprofile: ${(total / 1e3).toFixed(0)} ms sampled; inside schedule(): ${(inSchedule / 1e3).toFixed(0)} ms; garbage collector (anywhere): ${(gc / 1e3).toFixed(0)} ms (${((100 * gc) / total).toFixed(1)}% of all)`);
  console.log('\nInclusive, % of the time inside schedule():');
  for (const [k, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)}  ${k}`);
  console.log('\nSelf, by function:');
  for (const [k, t] of [...selfFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)}  ${k}`);
  console.log(
    values['no-inlining']
      ? '\nSelf, by line (inlining off: each line is its own):'
      : '\nSelf, by line (with inlining a line also carries what V8 inlined into it, and ticks of inlined code in other files can land on a wrong line; use --no-inlining for exact lines):',
  );
  for (const [k, t] of [...selfLine].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)}  ${k}`);
}

if (values.from) {
  // Summarise a saved profile (of this script's child) without running again.
  summarise(JSON.parse(readFileSync(values.from, 'utf8')) as Profile, Number(values.top));
  process.exit(0);
}

const size = Number(values.size);
const seed = Number(values.seed);
console.log(`compiling src/domain/schedule with tsc → ${relative(ROOT, BUILD)}`);
rmSync(BUILD, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    join(ROOT, 'src', 'domain', 'schedule', 'schedule.ts'),
    '--outDir',
    BUILD,
    '--rootDir',
    join(ROOT, 'src'),
    '--sourceMap',
    '--target',
    'es2023',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--skipLibCheck',
    '--types',
    'node',
  ],
  { stdio: 'inherit' },
);
const planFile = planFiles(size, seed, console.log).full;
const profDir = join(TMP, `prof-${size}`);
rmSync(profDir, { recursive: true, force: true });
const v8Flags = values['no-inlining'] ? ['--no-turbo-inlining'] : [];
const child = spawnSync(process.execPath, [...v8Flags, '--cpu-prof', '--cpu-prof-dir', profDir, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', planFile, '--runs', values.runs], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (child.status !== 0) process.exit(child.status ?? 1);
// CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main one (tsx's loader runs in another).
const file = readdirSync(profDir).find((f) => /\.0\.\d+\.cpuprofile$/.test(f))!;
console.log(`${size} tasks, ${values.runs} warm runs after the cold one${values['no-inlining'] ? ', V8 inlining off' : ''}; profile ${relative(ROOT, join(profDir, file))}`);
summarise(JSON.parse(readFileSync(join(profDir, file), 'utf8')) as Profile, Number(values.top));
