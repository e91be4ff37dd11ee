import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * Who used the CPU while a scenario was measured, in cores (1 = one core busy the whole time):
 * this process (the server), PostgreSQL's processes, and the whole machine (Linux `/proc`;
 * NaN elsewhere). On a shared machine, machine − server − client − PostgreSQL is other
 * people's work, and a run with much of it measures the neighbours as much as Pharos.
 */

export type CpuSnapshot = {
  wallMs: number;
  own: NodeJS.CpuUsage;
  /** Busy and total jiffies summed over all CPUs. */
  machine: { busy: number; total: number } | null;
  /** utime + stime jiffies of every process named `postgres`. */
  postgres: number | null;
};

export type CpuShares = { server: number; postgres: number; machine: number };

function machineJiffies(): CpuSnapshot['machine'] {
  try {
    const v = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
  } catch {
    return null;
  }
}

function postgresJiffies(): number | null {
  let sum = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // the process ended between listing and reading
      }
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      if (stat.slice(open + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
      sum += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    }
    return sum;
  } catch {
    return null;
  }
}

export function cpuSnapshot(): CpuSnapshot {
  return { wallMs: performance.now(), own: process.cpuUsage(), machine: machineJiffies(), postgres: postgresJiffies() };
}

export function cpuSince(from: CpuSnapshot): CpuShares {
  const to = cpuSnapshot();
  const own = process.cpuUsage(from.own);
  const server = (own.user + own.system) / 1000 / (to.wallMs - from.wallMs);
  if (!from.machine || !to.machine || to.machine.total <= from.machine.total) return { server, postgres: Number.NaN, machine: Number.NaN };
  const wallJiffies = (to.machine.total - from.machine.total) / availableParallelism();
  const machine = (to.machine.busy - from.machine.busy) / wallJiffies;
  const postgres = from.postgres !== null && to.postgres !== null ? Math.max(0, to.postgres - from.postgres) / wallJiffies : Number.NaN;
  return { server, postgres, machine };
}

/**
 * Waits, up to `maxSeconds`, for a second in which the rest of the machine uses less than
 * `threshold` cores, so a run does not start in the middle of someone else's build. Returns
 * the last second's outside load (NaN off Linux, where it does not wait).
 */
export async function waitForQuiet(maxSeconds: number, threshold: number, onWait: (outside: number) => void): Promise<number> {
  const deadline = performance.now() + maxSeconds * 1000;
  let warned = false;
  for (;;) {
    const from = cpuSnapshot();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const shares = cpuSince(from);
    const outside = shares.machine - shares.server;
    if (!(outside >= threshold) || performance.now() >= deadline) return outside;
    if (!warned) onWait(outside);
    warned = true;
  }
}
