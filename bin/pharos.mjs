#!/usr/bin/env node
// The `pharos` command. Runs the compiled CLI (dist/server) when it is at least as new as the
// sources; otherwise runs the TypeScript sources through tsx, so `npx pharos …` works right
// after `npm install`, and never runs stale code after an edit.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'server', 'cli', 'main.js');
const sources = join(root, 'src');

/** Newest modification time of the server sources (tests excluded: they are not compiled). */
function newestSource() {
  let newest = 0;
  for (const name of readdirSync(sources, { recursive: true })) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, statSync(join(sources, name)).mtimeMs);
  }
  return newest;
}

function compiledIsFresh() {
  if (!existsSync(compiled)) return false;
  // An installed package may ship dist/ without src/: then dist/ is all there is.
  if (!existsSync(sources)) return true;
  return statSync(compiled).mtimeMs >= newestSource();
}

let entry;
if (compiledIsFresh()) {
  entry = pathToFileURL(compiled).href;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = pathToFileURL(join(sources, 'cli', 'main.ts')).href;
}
const { main } = await import(entry);
const code = await main(process.argv);
// Set, not exit: `serve` keeps running, and pending stdout writes must still drain.
if (code !== 0) process.exitCode = code;
