import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'pharos.mjs');
const dir = mkdtempSync(join(tmpdir(), 'pharos-simulate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Run = { code: number; stdout: string; stderr: string };

function pharos(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

const file = (name: string, model: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(model));
  return path;
};

const MODEL = {
  tasks: [
    { id: 'A', dist: 'triangular', min: 2, mode: 4, max: 9 },
    { id: 'B', dist: 'pert', min: 1, mode: 3, max: 8, predecessors: ['A'] },
    { id: 'C', dist: 'uniform', min: 2, max: 6, predecessors: ['A'] },
  ],
  risks: [{ id: 'R1', probability: 0.3, impacts: [{ task: 'B', min: 1, mode: 2, max: 4 }] }],
};

describe('pharos simulate (the real command)', () => {
  it('prints the same JSON for the same seed with one worker or two', async () => {
    const model = file('model.json', MODEL);
    const one = await pharos(['simulate', model, '--iterations', '5000', '--seed', '9', '--workers', '1', '--json']);
    const two = await pharos(['simulate', model, '--iterations', '5000', '--seed', '9', '--workers', '2', '--json']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const out = JSON.parse(one.stdout) as { finish: { mean: number; p10: number; p90: number }; criticality: Record<string, number> };
    expect(out.finish.p10).toBeLessThan(out.finish.mean);
    expect(out.finish.p90).toBeGreaterThan(out.finish.mean);
    expect(out.criticality.A).toBe(1);
    expect(out.criticality.B! + out.criticality.C!).toBeCloseTo(1, 9);
  }, 60_000);

  it('refuses a probability outside 0..1 with one line naming the field, and exit code 2', async () => {
    const run = await pharos(['simulate', file('bad.json', { ...MODEL, risks: [{ id: 'R1', probability: 1.2 }] })]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('pharos: risks[0].probability: must be a number from 0 to 1 (got 1.2)\n');
  }, 60_000);

  it('refuses a plan with a cycle, naming its tasks', async () => {
    const run = await pharos(['simulate', file('cycle.json', { tasks: [{ id: 'A', dist: 'fixed', mode: 1, predecessors: ['B'] }, { id: 'B', dist: 'fixed', mode: 1, predecessors: ['A'] }] })]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^pharos: tasks: the links form a cycle: (A → B → A|B → A → B)\n$/);
  }, 60_000);

  it('refuses a file that is not JSON, naming it', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"tasks": [');
    const run = await pharos(['simulate', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^pharos: .*broken\.json: not valid JSON/);
  }, 60_000);
});
