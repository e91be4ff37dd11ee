import { Group, Paper, SegmentedControl, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { useRiskTrend, type RaidLevel, type Trend } from '../../api/raid';
import type { ChartOption } from '../../shared/echart';
import { formatDate } from '../../shared/format';
import { LazyEChart } from '../../shared/lazy-echart';
import { TREND_SPANS, trendSummary, trendWindow, type TrendSpan } from './trend-summary';

type Props = { level: RaidLevel; include: 'own' | 'escalated' | 'all'; /** Opens a risk named under the chart. */ onOpenRisk?: (riskId: string) => void };

const todayText = () => new Date().toISOString().slice(0, 10);

function optionOf(points: Trend['points']): ChartOption {
  const series = (name: string, color: string, value: (p: Trend['points'][number]) => number, dashed = false) => ({
    name,
    type: 'line',
    step: 'end',
    showSymbol: false,
    lineStyle: { width: 2, color, type: dashed ? ('dashed' as const) : ('solid' as const) },
    itemStyle: { color },
    data: points.map((p) => [p.date, value(p)]),
  });
  return {
    grid: { left: 40, right: 16, top: 28, bottom: 24 },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 }, data: ['Before response', 'After response'] },
    tooltip: {
      trigger: 'axis',
      formatter: (p: { dataIndex: number }[]) => {
        const point = points[p[0]?.dataIndex ?? 0]!;
        return `${formatDate(point.date)}<br/>${point.open} open risk${point.open === 1 ? '' : 's'}<br/>Exposure ${point.exposure}, after response ${point.residualExposure}`;
      },
    },
    xAxis: { type: 'time', splitNumber: 4, axisLabel: { fontSize: 10, hideOverlap: true, alignMinLabel: 'left', alignMaxLabel: 'right', formatter: { year: '{yyyy}', month: '{MMM}', day: '{d} {MMM}' } } },
    yAxis: { type: 'value', name: 'Sum of scores', nameLocation: 'middle', nameGap: 28, nameTextStyle: { fontSize: 10 }, minInterval: 1, axisLabel: { fontSize: 10 } },
    series: [series('Before response', '#c92a2a', (p) => p.exposure), series('After response', '#1c7ed6', (p) => p.residualExposure, true)],
  };
}

/**
 * A level's risk exposure over the last months: the open risks' scores added up, before and
 * after response, week by week, for the items the register shows. The chart is named by a
 * sentence saying where exposure went, which is also written under it.
 */
export function ExposureTrend({ level, include, onOpenRisk }: Props) {
  const [span, setSpan] = useState<TrendSpan>(6);
  const [picked, setPicked] = useState<number | null>(null);
  const titleId = useId();
  const days = useMemo(() => trendWindow(todayText(), span), [span]);
  const trend = useRiskTrend(level, { ...days, include });
  const points = trend.data?.points;
  const option = useMemo(() => (points ? optionOf(points) : null), [points]);
  const summary = points ? trendSummary(points, TREND_SPANS[span]) : '';
  return (
    <Paper withBorder p="sm" component="figure" m={0} aria-labelledby={titleId}>
      <Group justify="space-between" mb={4} gap="xs">
        <Text fw={600} size="sm" id={titleId}>
          Exposure trend
        </Text>
        <SegmentedControl
          size="xs"
          value={String(span)}
          onChange={(v) => setSpan(Number(v) as TrendSpan)}
          data={[
            { value: '3', label: '3 m' },
            { value: '6', label: '6 m' },
            { value: '12', label: '1 y' },
          ]}
          aria-label="Span of the exposure trend"
        />
      </Group>
      {trend.isError ? (
        <Text size="xs" c="red">
          The trend could not be loaded.
        </Text>
      ) : !option ? (
        <Skeleton h={150} />
      ) : (
        <>
          <LazyEChart option={option} height={150} label={`Exposure trend: ${summary}`} onPlotClick={(x) => points && setPicked(nearestPoint(points, x))} />
          <Text size="xs" c="dimmed" mt={4} component="figcaption">
            {summary} Click the chart to see the risks behind a day.
          </Text>
          {picked !== null && points?.[picked] && <PointRisks point={points[picked]} onOpenRisk={onOpenRisk} />}
        </>
      )}
    </Paper>
  );
}

/** The point whose day is nearest to `x` (milliseconds on the time axis). */
function nearestPoint(points: Trend['points'], x: number): number | null {
  let best: number | null = null;
  let distance = Infinity;
  points.forEach((p, i) => {
    const d = Math.abs(Date.parse(`${p.date}T12:00:00Z`) - x);
    if (d < distance) {
      best = i;
      distance = d;
    }
  });
  return best;
}

/** The risks behind one day of the trend, highest score first, each opening its record. */
function PointRisks({ point, onOpenRisk }: { point: Trend['points'][number]; onOpenRisk?: (riskId: string) => void }) {
  return (
    <Stack gap={2} mt={6} aria-label={`Risks behind ${formatDate(point.date)}`} role="group">
      <Text size="xs" fw={600}>
        {formatDate(point.date)}: {point.open} open, exposure {point.exposure}
        {point.open > point.top.length ? ` (the ${point.top.length} highest)` : ''}
      </Text>
      {point.top.map((t) => (
        <UnstyledButton key={t.riskId} onClick={() => onOpenRisk?.(t.riskId)} fz="xs" c="blue" disabled={!onOpenRisk}>
          {t.ref} {t.title} · {t.score}
        </UnstyledButton>
      ))}
    </Stack>
  );
}
