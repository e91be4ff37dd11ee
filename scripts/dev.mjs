#!/usr/bin/env node
// `npm run dev`: the API on :3001 (demo data on an empty database) and the Vite dev server on
// :3000 with hot reload, which forwards /api to the API. Ctrl-C stops both; if either stops on
// its own, the other is stopped too so nothing is left running.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const API_PORT = process.env.PHAROS_API_PORT ?? '3001';

/** Starts a child in its own process group (so its children stop with it), output prefixed. */
function start(name, command, args, env = {}) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, FORCE_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  return child;
}

const children = [
  start('api', process.execPath, ['bin/pharos.mjs', 'serve', '--port', API_PORT, '--seed-demo-if-empty'], { NODE_ENV: 'development' }),
  start('web', process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), '--config', 'web/vite.config.ts']),
];

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      // Negative pid: the whole process group of that child.
      process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  const force = setTimeout(() => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
    process.exit(code);
  }, 5000);
  force.unref();
  Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
}

for (const child of children) {
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.log(`A dev process stopped (${code ?? signal}); stopping the other.`);
      stopAll(code ?? 1);
    }
  });
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

console.log(`Pharos dev: web on http://localhost:3000 (proxying /api to the API on :${API_PORT}). Ctrl-C stops both.`);
