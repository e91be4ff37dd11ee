import { useMemo } from 'react';
import { useLatestDoneSimulation, useSimulation, type SimulationRun } from '../../../api/simulations';
import { formatDateTime } from '../../../shared/format';
import { useQueryParams } from '../../../shared/use-query-params';
import type { Criticality } from './gantt';

/**
 * Criticality on the Gantt: the project's latest finished simulation run, whether its
 * criticality is shown (kept in the URL), and (once shown) each task's index from that run's result, which is
 * fetched once for the whole plan.
 */
export function useCriticality(projectId: string): {
  run: SimulationRun | null;
  /** The run's day, as the toggle names it: `2 Mar 2026`. */
  runDate: string;
  shown: boolean;
  setShown: (shown: boolean) => void;
  criticality: Criticality | null;
} {
  const run = useLatestDoneSimulation(projectId).data ?? null;
  // In the URL (`?criticality=on`), so a shared link shows the same shading.
  const { params, update } = useQueryParams();
  const shown = params.get('criticality') === 'on';
  const setShown = (on: boolean) => update({ criticality: on ? 'on' : null });
  const withResult = useSimulation(shown && run ? run.id : null).data;
  const runDate = run?.finishedAt ? formatDateTime(run.finishedAt).split(',')[0]! : '';
  const criticality = useMemo<Criticality | null>(() => {
    if (!shown || !withResult?.result) return null;
    return { index: new Map(withResult.result.criticality.map((c) => [c.taskId, c.index])), run: `the run of ${runDate}` };
  }, [shown, withResult, runDate]);
  return { run, runDate, shown, setShown, criticality };
}
