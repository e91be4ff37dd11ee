import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PharosError } from '../domain/errors.js';
import { SMALL_SM as SM } from '../../test/support/psplib-small.js';
import { levelFile, registerLevel } from './level.js';

// SM: four jobs between a dummy source (1) and sink (6); two resources of capacity 3 and 1.
const dir = mkdtempSync(join(tmpdir(), 'pharos-level-'));
const file = join(dir, 'small.sm');
writeFileSync(file, SM);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function program(): Command {
  const p = new Command('pharos').exitOverride().configureOutput({ writeErr: () => undefined });
  registerLevel(p);
  return p;
}

describe('pharos level', () => {
  it('prints exactly the makespan and one start per job with --json', () => {
    // 3 [0,2), then 2 [2,5) beside 5 [2,3), then 4 [5,9): 9 (see parse-sm.test.ts); the sink at 9.
    expect(levelFile(file, { json: true })).toBe('{"makespan":9,"starts":[0,2,0,5,2,9]}\n');
  });

  it('prints a readable table', () => {
    const text = levelFile(file, { schedules: 500, seed: 3 });
    expect(text).toMatch(/^Makespan 9 periods \(lower bound 7, 2 above it; \d+ schedules generated\)\n/);
    expect(text).toContain('Capacities: R1 3, R2 1');
    expect(text).toContain('job  duration  start  finish  R1  R2\n  1         0      0       0   0   0\n  2         3      2       5   2   0\n');
  });

  it('runs through commander with its options', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await program().parseAsync(['level', file, '--json', '--schedules', '50', '--seed', '7'], { from: 'user' });
    } finally {
      spy.mockRestore();
    }
    expect(JSON.parse(out.join(''))).toEqual({ makespan: 9, starts: [0, 2, 0, 5, 2, 9] });
    await expect(program().parseAsync(['level', file, '--schedules', 'many'], { from: 'user' })).rejects.toBeInstanceOf(CommanderError);
  });

  it('says that other files are levelled elsewhere, and names a missing file', () => {
    expect(() => levelFile(join(dir, 'plan.xml'))).toThrow(PharosError);
    expect(() => levelFile(join(dir, 'plan.xml'))).toThrow(/plan\.xml: pharos level reads PSPLIB single-mode files \(\.sm\); levelling MSPDI files is handled elsewhere/);
    expect(() => levelFile(join(dir, 'none.sm'))).toThrow(/cannot read .*none\.sm: no such file/);
  });
});
