#!/usr/bin/env node
// `node scripts/build-if-needed.mjs`: runs `npm run build` when dist/ is missing or older than
// any input (src/, web/, package.json, tsconfig*.json, the Vite config); `--stamp` records a
// finished build in dist/.build-stamp (the last step of `npm run build`). One line of output.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');
const say = (line) => console.log(`build-if-needed: ${line}`);

if (process.argv.includes('--stamp')) {
  mkdirSync(dist, { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  say('stamped dist/.build-stamp');
  process.exit(0);
}

/** The newest input file, as [mtime, path], skipping tests, which the build does not use. */
function newestInput() {
  let newest = [0, ''];
  const consider = (file) => {
    const t = statSync(file).mtimeMs;
    if (t > newest[0]) newest = [t, file];
  };
  for (const dir of ['src', 'web']) {
    const full = join(root, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full, { recursive: true })) {
      if (name.includes('node_modules') || /\.(test|int\.test|e2e)\.tsx?$/.test(name)) continue;
      const file = join(full, name);
      if (statSync(file).isFile()) consider(file);
    }
  }
  for (const name of readdirSync(root)) {
    if (name === 'package.json' || /^tsconfig.*\.json$/.test(name) || /^vite\.config\./.test(name)) consider(join(root, name));
  }
  return newest;
}

function reason() {
  if (!existsSync(join(dist, 'server', 'cli', 'main.js'))) return 'dist/server is missing';
  if (existsSync(join(root, 'web')) && !existsSync(join(dist, 'web', 'index.html'))) return 'dist/web is missing';
  if (!existsSync(stamp)) return 'there is no build stamp';
  const [time, file] = newestInput();
  if (time > statSync(stamp).mtimeMs) return `${relative(root, file)} changed since the last build`;
  return null;
}

const why = reason();
if (!why) {
  say(`dist/ is up to date (built ${statSync(stamp).mtime.toISOString()})`);
  process.exit(0);
}
say(`building, because ${why}`);
const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
