import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';
import { optimiseFile, parseGap } from './optimise.js';

const dir = mkdtempSync(join(tmpdir(), 'pharos-optimise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, body: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
};

/** What `optimiseFile` writes on stdout. */
async function run(file: string, options: Parameters<typeof optimiseFile>[1] = {}): Promise<string> {
  let out = '';
  await optimiseFile(file, options, (t) => (out += t));
  return out;
}

/** Runs the whole CLI; the exit code, and what it wrote on stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((t) => ((stdout += String(t)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((t) => ((stderr += String(t)), true));
  try {
    const code = await main(['node', 'pharos', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

// The example shape: 4 periods, a budget per period, dev capacity; P2 needs P0; P3 excludes P1.
const MODEL = {
  periods: 4,
  budget: [100, 100, 100, 100],
  capacity: { dev: [160, 160, 160, 160] },
  candidates: [
    { id: 'P0', value: 40, cost: [60, 60], demand: { dev: [80, 80] }, earliestStart: 0, latestStart: 1 },
    { id: 'P1', value: 90, cost: [100], demand: { dev: [100] }, earliestStart: 0, latestStart: 3 },
    { id: 'P2', value: 120, cost: [50, 50], demand: { dev: [60, 60] }, earliestStart: 1, latestStart: 2, requires: ['P0'] },
    { id: 'P3', value: 70, cost: [40], demand: { dev: [40] }, latestStart: 3, excludes: ['P1'] },
    { id: 'P4', value: 10, cost: [30], mustDo: true },
  ],
};

describe('pharos optimise', () => {
  it('prints the selection, its value and gap, and the greedy choice with --json', async () => {
    const out = JSON.parse(await run(write('model.json', MODEL), { json: true, gap: 0 })) as Record<string, unknown>;
    expect(Object.keys(out).slice(0, 4)).toEqual(['selected', 'value', 'gap', 'greedy']);
    // P1 needs 100 in one period, which P4 + P0 + P2 never leave: P4 (must-do), P0 and P2 (P2 needs P0), and P3 (which excludes P1) in period 1.
    expect(out).toMatchObject({ value: 240, gap: 0, status: 'optimal', bound: 240, cost: 290 });
    expect(out.selected).toEqual([
      { id: 'P0', start: 0 },
      { id: 'P2', start: 2 },
      { id: 'P3', start: 1 },
      { id: 'P4', start: 0 },
    ]);
    // Greedy: P4, then P3 (ratio 1.75) in period 0; P2 with P0 fits at no start then; P0 alone.
    expect(out.greedy).toEqual({
      selected: [
        { id: 'P0', start: 1 },
        { id: 'P3', start: 0 },
        { id: 'P4', start: 0 },
      ],
      value: 120,
    });
  });

  it('prints a readable report otherwise', async () => {
    const text = await run(write('model.json', MODEL), { gap: 0 });
    expect(text).toMatch(/^Funded 4 of 5 candidates: value 240, cost 290; proved optimal\nGreedy by value\/cost: value 120; optimised \(\+100\.00%\)\n/);
    expect(text).toMatch(/\n {2}P4 +0 +10 +30 {2}must-do\n/);
    expect(text).toContain('\nBinding constraints\n  budget in period 1: 100 of 100\n');
    expect(text).toContain('\nLeft out, most valuable first: what would fit it\n  P1  value 90 (start 2): excludes funded P3; needs 50 more budget in period 2; forced in, the best value is 140 (100 less)\n');
  });

  it('exits 2 naming the constraint an infeasible model cannot meet, and by how much', async () => {
    const file = write('tight.json', { ...MODEL, budget: [20, 100, 100, 100] });
    const r = await cli('optimise', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('pharos: infeasible: the must-do candidates cannot all be funded: budget in period 0 exceeded by 10 by must-do project P4 (needs 30, limit 20)\n');
    const json = await cli('optimise', file, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'infeasible', selected: [], infeasibility: ['budget in period 0 exceeded by 10 by must-do project P4 (needs 30, limit 20)'] });
  });

  it('refuses bad input in one line, exit 2', async () => {
    const bad = await cli('optimise', write('bad.json', { ...MODEL, candidates: [{ ...MODEL.candidates[0], cost: [60, -1] }] }));
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'pharos: candidates[0].cost[1]: must be a finite number ≥ 0\n' });
    expect((await cli('optimise', write('broken.json', '{"periods": 4,'))).stderr).toMatch(/^pharos: .*broken\.json: not valid JSON \(.*\)\n$/);
    expect((await cli('optimise', join(dir, 'missing.json'))).stderr).toMatch(/^pharos: cannot read .*missing\.json: no such file\n$/);
    expect(await cli('optimise', write('model.json', MODEL), '--gap', '150%')).toMatchObject({ code: 2, stderr: "pharos: option '--gap <g>' argument '150%' is invalid. --gap must be below 1 (100%); for 1% write 0.01 or 1% (got 150%)\n" });
    const cycle = await cli('optimise', write('cycle.json', { periods: 1, candidates: [{ id: 'A', value: 1, cost: [1], requires: ['B'] }, { id: 'B', value: 1, cost: [1], requires: ['A'] }] }));
    expect(cycle.stderr).toBe('pharos: candidates: the requirements form a cycle: A → B → A\n');
  });

  it('reads the gap as a fraction or a percentage', () => {
    expect(parseGap('0.01')).toBe(0.01);
    expect(parseGap('1%')).toBe(0.01);
    expect(parseGap('0')).toBe(0);
    expect(() => parseGap('x')).toThrow('--gap must be a fraction such as 0.01, or a percentage such as 1%');
    expect(() => parseGap('1')).toThrow('--gap must be below 1');
  });
});
