import { Paper, Title } from '@mantine/core';
import { useMemo } from 'react';
import type { SimulationResult } from '../../../api/simulations';
import { EChart, type ChartOption } from '../../../shared/echart';
import { formatDate } from '../../../shared/format';
import { wholeMoney } from './simulation-format';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const days = (x: number) => `${x.toFixed(1)} working days`;

/** The bin of `bins` holding `value`, for a marker line on a category axis. */
const binOf = (bins: readonly { from: number; to: number }[], value: number) => Math.max(0, bins.findIndex((b, i) => value <= b.to || i === bins.length - 1));

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Title order={4} size="h5" mb={4}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

const marker = (name: string, at: number | string, color: string) => ({ name, xAxis: at, lineStyle: { color, type: 'dashed' as const }, label: { formatter: name, position: 'insideEndTop' as const, color } });

/** How often the project finishes in each span of dates: a histogram through the project calendar. */
export function FinishHistogram({ r }: { r: SimulationResult }) {
  const option = useMemo<ChartOption>(() => {
    const f = r.finish;
    const marks = [marker('Plan', binOf(f.histogram, f.deterministic), '#495057'), marker(`P${Math.round(r.confidence * 100)}`, binOf(f.histogram, f.deterministic + f.contingency), '#c92a2a')];
    if (f.target !== null) marks.push(marker('Target', binOf(f.histogram, f.target), '#2b8a3e'));
    return {
      grid: { left: 56, right: 16, top: 36, bottom: 56 },
      legend: { data: ['Iterations'], top: 0 },
      tooltip: { trigger: 'axis', formatter: (p: { dataIndex: number }[]) => { const i = p[0]!.dataIndex; const b = f.histogram[i]!; return `${formatDate(f.histogramDates[i]!.from)} – ${formatDate(f.histogramDates[i]!.to)}<br/>${b.count} iterations (${pct(b.count / r.iterations)})<br/>${b.from.toFixed(1)}–${b.to.toFixed(1)} working days`; } },
      xAxis: { type: 'category', name: 'Finish date', nameLocation: 'middle', nameGap: 36, data: f.histogramDates.map((d) => formatDate(d.to)), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: 'Iterations', nameLocation: 'middle', nameGap: 42 },
      series: [{ name: 'Iterations', type: 'bar', barCategoryGap: '5%', itemStyle: { color: '#1c7ed6' }, data: f.histogram.map((b) => b.count), markLine: { symbol: 'none', data: marks } }],
    };
  }, [r]);
  return (
    <ChartCard title="Finish date: how often each">
      <EChart option={option} height={260} label={`Histogram of the simulated finish dates, from ${formatDate(r.finish.dates.min)} to ${formatDate(r.finish.dates.max)}`} />
    </ChartCard>
  );
}

/** The chance of finishing by each date: the S-curve. */
export function FinishSCurve({ r }: { r: SimulationResult }) {
  const option = useMemo<ChartOption>(() => {
    const f = r.finish;
    const marks = [marker('Plan', f.dates.deterministic, '#495057')];
    if (f.targetDate) marks.push(marker('Target', f.targetDate, '#2b8a3e'));
    return {
      grid: { left: 56, right: 24, top: 36, bottom: 56 },
      legend: { data: ['Confidence'], top: 0 },
      tooltip: { trigger: 'axis', formatter: (p: { dataIndex: number }[]) => { const i = p[0]!.dataIndex; return `${i}% confidence: finish by ${formatDate(f.sCurveDates[i]!)}<br/>${days(f.sCurve[i]!.value)} from the start`; } },
      xAxis: { type: 'time', name: 'Finish date', nameLocation: 'middle', nameGap: 36, axisLabel: { hideOverlap: true, formatter: (v: number) => formatDate(new Date(v).toISOString().slice(0, 10)) } },
      yAxis: { type: 'value', name: 'Confidence (%)', nameLocation: 'middle', nameGap: 40, min: 0, max: 100 },
      series: [{ name: 'Confidence', type: 'line', showSymbol: false, step: false, lineStyle: { width: 2, color: '#1c7ed6' }, data: f.sCurveDates.map((d, i) => [d, i]), markLine: { symbol: 'none', data: marks } }],
    };
  }, [r]);
  return (
    <ChartCard title="Finish date: chance of finishing by (S-curve)">
      <EChart option={option} height={260} label={`S-curve: ${pct(r.finish.probabilityOfDeterministic)} chance of finishing by the plan's ${formatDate(r.finish.dates.deterministic)}`} />
    </ChartCard>
  );
}

/** How often the project costs each amount. */
export function CostHistogram({ r }: { r: SimulationResult }) {
  const option = useMemo<ChartOption>(() => {
    const c = r.cost;
    const money = (x: number) => wholeMoney(x, r.currency);
    return {
      grid: { left: 56, right: 16, top: 36, bottom: 56 },
      legend: { data: ['Iterations'], top: 0 },
      tooltip: { trigger: 'axis', formatter: (p: { dataIndex: number }[]) => { const b = c.histogram[p[0]!.dataIndex]!; return `${money(b.from)} – ${money(b.to)}<br/>${b.count} iterations (${pct(b.count / r.iterations)})`; } },
      xAxis: { type: 'category', name: `Cost (${r.currency})`, nameLocation: 'middle', nameGap: 36, data: c.histogram.map((b) => money(b.to)), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: 'Iterations', nameLocation: 'middle', nameGap: 42 },
      series: [{ name: 'Iterations', type: 'bar', barCategoryGap: '5%', itemStyle: { color: '#7048e8' }, data: c.histogram.map((b) => b.count), markLine: { symbol: 'none', data: [marker('Plan', binOf(c.histogram, c.deterministic), '#495057'), marker(`P${Math.round(r.confidence * 100)}`, binOf(c.histogram, c.deterministic + c.contingency), '#c92a2a')] } }],
    };
  }, [r]);
  return (
    <ChartCard title="Cost: how often each">
      <EChart option={option} height={260} label={`Histogram of the simulated cost, mean ${wholeMoney(r.cost.mean, r.currency)}`} />
    </ChartCard>
  );
}

/** Which tasks and risks move the finish most: rank correlation, strongest on top. */
export function Tornado({ r, onPick }: { r: SimulationResult; onPick?: (d: SimulationResult['tornado']['finish'][number]) => void }) {
  const drivers = useMemo(() => r.tornado.finish.slice(0, 12).reverse(), [r]);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 36, bottom: 40, containLabel: true },
      legend: { data: ['Tasks', 'Risks'], top: 0 },
      tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => { const d = drivers[p.dataIndex]!; return `${d.name}<br/>${d.kind === 'risk' ? 'Risk' : 'Task'}: rank correlation with the finish ${d.rho.toFixed(2)}`; } },
      xAxis: { type: 'value', name: 'Rank correlation with the finish', nameLocation: 'middle', nameGap: 26, min: -1, max: 1 },
      yAxis: { type: 'category', data: drivers.map((d) => (d.name.length > 38 ? `${d.name.slice(0, 37)}…` : d.name)) },
      series: [
        { name: 'Tasks', type: 'bar', stack: 'd', itemStyle: { color: '#1c7ed6' }, data: drivers.map((d) => (d.kind === 'task' ? d.rho : null)) },
        { name: 'Risks', type: 'bar', stack: 'd', itemStyle: { color: '#e8590c' }, data: drivers.map((d) => (d.kind === 'risk' ? d.rho : null)) },
      ],
    }),
    [drivers],
  );
  return (
    <ChartCard title="What drives the finish (tornado)">
      {drivers.length === 0 ? (
        <p>Nothing varies: every duration is fixed and no risk is quantified.</p>
      ) : (
        <EChart option={option} height={Math.max(160, 60 + drivers.length * 26)} label={`Tornado: the strongest driver of the finish is ${r.tornado.finish[0]?.name ?? 'none'}`} onClick={(i) => drivers[i] && onPick?.(drivers[i])} />
      )}
    </ChartCard>
  );
}
