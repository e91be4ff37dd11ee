import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fsNetwork, generateNetwork, type NetworkStats } from './generate.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..', '..');
/** Where the bench keeps its plans, dates and profiles (git-ignored). */
export const TMP = join(ROOT, 'bench', '.tmp', 'schedule');

export type PlanFiles = { readonly full: string; readonly fs: string; readonly stats: NetworkStats };

/**
 * The generated plan of `size` tasks as JSON files (the full plan, and its FS part), written
 * on first use. Files are named by seed, size and a hash of generate.ts, so a changed
 * generator makes new ones.
 */
export function planFiles(size: number, seed: number, log: (line: string) => void = () => undefined): PlanFiles {
  mkdirSync(TMP, { recursive: true });
  const version = createHash('sha256').update(readFileSync(join(HERE, 'generate.ts'))).digest('hex').slice(0, 8);
  const base = join(TMP, `plan-${seed}-${size}-${version}`);
  const full = `${base}-full.json`;
  const fs = `${base}-fs.json`;
  const statsFile = `${base}-stats.json`;
  if (existsSync(full) && existsSync(fs) && existsSync(statsFile)) {
    return { full, fs, stats: JSON.parse(readFileSync(statsFile, 'utf8')) as NetworkStats };
  }
  const t0 = performance.now();
  const { input, stats } = generateNetwork(size, seed);
  writeFileSync(full, JSON.stringify(input));
  writeFileSync(fs, JSON.stringify(fsNetwork(input)));
  writeFileSync(statsFile, JSON.stringify(stats));
  log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${relative(ROOT, base)}-{full,fs}.json`);
  return { full, fs, stats };
}
