import type { UnsupportedItem, UnsupportedKind } from './mspdi-document.js';

/** Values Project derives from others and recomputes on opening a file. */
const CALCULATED = new Set([
  'ACWP',
  'BCWP',
  'BCWS',
  'CV',
  'SV',
  'VAC',
  'CostVariance',
  'StartVariance',
  'FinishVariance',
  'WorkVariance',
  'OverAllocated',
  'Overallocated',
  'PeakUnits',
  'RegularWork',
  'OvertimeWork',
  'OvertimeCost',
  'ActualOvertimeCost',
  'RemainingOvertimeCost',
  'ActualOvertimeWork',
  'RemainingOvertimeWork',
  'ResumeValid',
  'WBSLevel',
  'LinkedFields',
]);

/** Rolled-up resource totals: the sums of the resource's assignments. */
const RESOURCE_ROLLUPS = new Set([
  'Start',
  'Finish',
  'Work',
  'ActualWork',
  'RemainingWork',
  'PercentWorkComplete',
  'Cost',
  'ActualCost',
  'RemainingCost',
]);

/** Presentation, publishing and server state. */
const SETTINGS = new Set([
  'Views',
  'Filters',
  'Groups',
  'Tables',
  'Maps',
  'Reports',
  'Drawings',
  'DataLinks',
  'VBAProjects',
  'WBSMasks',
  'IsPublished',
  'StatusManager',
  'CommitmentStart',
  'CommitmentFinish',
  'CommitmentType',
  'ActualWorkProtected',
  'ActualOvertimeWorkProtected',
  'ResponsePending',
  'UpdateNeeded',
  'RateScale',
  'AssnOwner',
  'AssnOwnerGuid',
  'BoardStatusColumnOrderingID',
  'SprintColumnOrderingID',
  'NextAvailableBoardStatusColumnOrderingID',
  'NextAvailableSprintOrderingID',
]);

function kindOf(path: string): UnsupportedKind {
  const parts = path.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (CALCULATED.has(name)) return 'calculated';
  if (parts.length === 4 && parts[1] === 'Resources' && RESOURCE_ROLLUPS.has(name)) return 'calculated';
  if (SETTINGS.has(name)) return 'settings';
  return 'data';
}

/** Gathers the elements a reader met but did not keep, grouped by path, in the order first met. */
export type UnsupportedCollector = {
  add: (path: string, owner: string, count?: number) => void;
  items: () => UnsupportedItem[];
};

/** A new, empty collector; `items()` gives the groups with their kind (data, calculated or settings). */
export function unsupportedCollector(): UnsupportedCollector {
  const byPath = new Map<string, UnsupportedItem>();
  return {
    add(path, owner, count = 1) {
      const item = byPath.get(path);
      if (item) item.count += count;
      else byPath.set(path, { path, count, example: owner, kind: kindOf(path) });
    },
    items: () => [...byPath.values()].map((item) => ({ ...item })),
  };
}
