import { Group, Paper, SegmentedControl, Skeleton, Text } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { useRiskTrend, type RaidLevel, type Trend } from '../../api/raid';
import type { ChartOption } from '../../shared/echart';
import { formatDate } from '../../shared/format';
import { LazyEChart } from '../../shared/lazy-echart';
import { TREND_SPANS, trendSummary, trendWindow, type TrendSpan } from './trend-summary';

type Props = { level: RaidLevel; include: 'own' | 'escalated' | 'all' };

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
export function ExposureTrend({ level, include }: Props) {
  const [span, setSpan] = useState<TrendSpan>(6);
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
          <LazyEChart option={option} height={150} label={`Exposure trend: ${summary}`} />
          <Text size="xs" c="dimmed" mt={4} component="figcaption">
            {summary}
          </Text>
        </>
      )}
    </Paper>
  );
}
