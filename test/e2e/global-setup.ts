import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const built = join(root, 'dist/web/index.html');
/** What the web bundle is made from: the app, and the schema types and domain code it imports. */
const SOURCES = ['web', 'src/api/schemas', 'src/domain', 'package-lock.json'];

function newestMtime(path: string): number {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Builds the web app into dist/web when it is missing or older than its sources. */
export default function setup(): void {
  if (!existsSync('/usr/bin/chromium')) {
    console.warn('e2e skipped: /usr/bin/chromium not found (install it with: apt-get install -y chromium)');
    return;
  }
  const sourceTime = Math.max(...SOURCES.map(newestMtime));
  if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) return;
  console.log('e2e: building the web app (dist/web is missing or stale)…');
  try {
    // Vitest sets NODE_ENV=test, which would give React's development build: test what ships.
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`web build failed:\n${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`);
  }
}
