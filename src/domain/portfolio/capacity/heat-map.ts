import type { Month } from './months.js';

/** Hours a project asks of a role in a month. */
export type DemandCell = { projectId: string; roleId: string; month: Month; hours: number };

export type HeatCell = {
  roleId: string;
  month: Month;
  capacity: number;
  demand: number;
  /** demand ÷ capacity; Infinity when there is demand and no capacity; 0 when neither. */
  utilisation: number;
  /** Hours asked beyond capacity (0 when it fits). */
  overBy: number;
  /** Who asks, largest first. */
  projects: { projectId: string; hours: number }[];
};

/**
 * Demand against capacity by role and month: every cell with its utilisation, how far it is
 * over, and the projects asking, largest first, so an over-allocated cell names its causes.
 * Demand for roles or months outside the grid is ignored.
 *
 * @example heatMap([{ roleId: 'dev', months: [{ month: '2027-01', hours: 100 }] }], [{ projectId: 'P', roleId: 'dev', month: '2027-01', hours: 130 }])
 * // [{ roleId: 'dev', month: '2027-01', capacity: 100, demand: 130, utilisation: 1.3, overBy: 30, projects: [{ projectId: 'P', hours: 130 }] }]
 */
export function heatMap(capacity: readonly { roleId: string; months: readonly { month: Month; hours: number }[] }[], demand: readonly DemandCell[]): HeatCell[] {
  const cells = new Map<string, HeatCell>();
  const out: HeatCell[] = [];
  for (const role of capacity) {
    for (const m of role.months) {
      const cell: HeatCell = { roleId: role.roleId, month: m.month, capacity: m.hours, demand: 0, utilisation: 0, overBy: 0, projects: [] };
      cells.set(`${role.roleId}|${m.month}`, cell);
      out.push(cell);
    }
  }
  const byProject = new Map<string, Map<string, number>>();
  for (const d of demand) {
    const key = `${d.roleId}|${d.month}`;
    const cell = cells.get(key);
    if (!cell || !(d.hours > 0)) continue;
    cell.demand += d.hours;
    const projects = byProject.get(key) ?? new Map<string, number>();
    projects.set(d.projectId, (projects.get(d.projectId) ?? 0) + d.hours);
    byProject.set(key, projects);
  }
  for (const cell of out) {
    cell.utilisation = cell.capacity > 0 ? cell.demand / cell.capacity : cell.demand > 0 ? Infinity : 0;
    cell.overBy = Math.max(0, cell.demand - cell.capacity);
    const projects = byProject.get(`${cell.roleId}|${cell.month}`);
    if (projects) cell.projects = [...projects].map(([projectId, hours]) => ({ projectId, hours })).sort((a, b) => b.hours - a.hours || a.projectId.localeCompare(b.projectId));
  }
  return out;
}
