import { schedule } from '../../src/domain/schedule/schedule.js';
import type { ScheduleInput } from '../../src/domain/schedule/types.js';
import { loadChronograph } from './chronograph.js';
import { type FsNetwork, fsScheduleInput } from './generate.js';
import { type CpmDates, chronographCpm, graphlibCpm } from './peers.js';

/**
 * What is timed: our engine on the full plan (all link types, lags, the Standard calendar
 * with holidays, summaries, constraints), our engine on the plan's plain FS part (leaf tasks,
 * FS links, no lags, a 24×7 calendar), and the two peers on that same FS part.
 */
export const CONTESTANTS = ['engine-full', 'engine-fs', 'graphlib', 'chronograph'] as const;
export type Contestant = (typeof CONTESTANTS)[number];

export const DESCRIPTION: Readonly<Record<Contestant, string>> = {
  'engine-full': 'Pharos schedule(), full plan',
  'engine-fs': 'Pharos schedule(), FS part (24×7)',
  graphlib: '@dagrejs/graphlib topsort + passes, FS part',
  chronograph: '@bryntum/chronograph atoms + commit, FS part',
};

/** Which generated file a contestant reads. */
export const INPUT_OF: Readonly<Record<Contestant, 'full' | 'fs'>> = {
  'engine-full': 'full',
  'engine-fs': 'fs',
  graphlib: 'fs',
  chronograph: 'fs',
};

/** What one run returns: dates to check, in the FS task order for the FS contestants. */
export type RunOutput = { readonly earlyFinish: Float64Array; readonly dates: CpmDates | null; readonly warnings: number; readonly finish: number };

/** One full recalculation, from the data as loaded (nothing is reused between calls but the memory our engine keeps for its working arrays). */
export type Run = () => RunOutput;

/**
 * Prepares a contestant on its loaded data (outside the timing: the FS part is turned into
 * engine input here, and ChronoGraph's modules are loaded) and returns the timed call.
 */
export async function prepare(contestant: Contestant, data: ScheduleInput | FsNetwork): Promise<Run> {
  switch (contestant) {
    case 'engine-full': {
      const input = data as ScheduleInput;
      return () => {
        const r = schedule(input);
        return { earlyFinish: r.earlyFinish, dates: null, warnings: r.warnings.length, finish: r.projectFinish };
      };
    }
    case 'engine-fs': {
      const input = fsScheduleInput(data as FsNetwork);
      return () => {
        const r = schedule(input);
        const dates: CpmDates = { earlyStart: r.earlyStart, earlyFinish: r.earlyFinish, lateStart: r.lateStart, lateFinish: r.lateFinish, totalSlack: r.totalSlack };
        return { earlyFinish: r.earlyFinish, dates, warnings: r.warnings.length, finish: r.projectFinish };
      };
    }
    case 'graphlib': {
      const fs = data as FsNetwork;
      return () => {
        const d = graphlibCpm(fs);
        return { earlyFinish: d.earlyFinish, dates: d, warnings: 0, finish: d.earlyFinish.reduce((a, b) => Math.max(a, b), 0) };
      };
    }
    case 'chronograph': {
      const fs = data as FsNetwork;
      const chrono = await loadChronograph();
      return () => {
        const d = chronographCpm(fs, chrono);
        return { earlyFinish: d.earlyFinish, dates: d, warnings: 0, finish: d.earlyFinish.reduce((a, b) => Math.max(a, b), 0) };
      };
    }
  }
}
