import { Skeleton } from '@mantine/core';
import { lazy, Suspense, type ComponentProps } from 'react';
import type { EChart as EChartComponent } from './echart';

// The same module the simulation tab draws with: Vite puts it (and ECharts) in one chunk that
// both load on demand, so the main bundle carries neither.
const Chart = lazy(async () => ({ default: (await import('./echart')).EChart }));

/**
 * {@link EChartComponent} for pages in the main bundle: ECharts is fetched the first time a
 * chart is drawn, with a skeleton of the chart's height meanwhile.
 */
export function LazyEChart(props: ComponentProps<typeof EChartComponent>) {
  return (
    <Suspense fallback={<Skeleton h={props.height} />}>
      <Chart {...props} />
    </Suspense>
  );
}
