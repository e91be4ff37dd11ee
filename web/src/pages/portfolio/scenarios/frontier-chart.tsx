import { Button, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useFrontier, type Scenario } from '../../../api/scenarios';
import type { ChartOption } from '../../../shared/echart';
import { ErrorPanel } from '../../../shared/error-panel';
import { LazyEChart } from '../../../shared/lazy-echart';

/** Value against budget: the best total score at each budget level, with this scenario's own point on it. */
export function FrontierChart({ scenario }: { scenario: Scenario }) {
  const [shown, setShown] = useState(false);
  const frontier = useFrontier(scenario, shown);
  const option = useMemo<ChartOption | null>(() => {
    const f = frontier.data;
    if (!f) return null;
    return {
      title: { text: 'Efficient frontier: best total score for each budget', left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 64, right: 24, top: 48, bottom: 56 },
      legend: { bottom: 0 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', name: 'Budget (£k)', nameLocation: 'middle', nameGap: 28, min: 0 },
      yAxis: { type: 'value', name: 'Total score', nameLocation: 'middle', nameGap: 44, min: 0 },
      series: [
        { type: 'line', name: 'Best possible', data: f.points.map((p) => [Math.round(p.budget / 1000), Number(p.value.toFixed(1))]), step: 'end', symbolSize: 6 },
        ...(f.current ? [{ type: 'scatter', name: scenario.name, data: [[Math.round(f.current.budget / 1000), Number(f.current.value.toFixed(1))]], symbolSize: 14, itemStyle: { color: '#e03131' } }] : []),
      ],
    };
  }, [frontier.data, scenario.name]);
  return (
    <Stack gap={4} component="section" aria-labelledby="frontier-heading">
      <Title order={4} id="frontier-heading">
        Value against budget
      </Title>
      {!shown ? (
        <>
          <Text size="sm" c="dimmed">
            The best total score at ten budget levels, from what the must-do projects cost to what everything would cost: where more money stops buying much.
          </Text>
          <Button variant="default" size="xs" w="fit-content" onClick={() => setShown(true)}>
            Work out the frontier
          </Button>
        </>
      ) : frontier.isError ? (
        <ErrorPanel error={frontier.error} what="frontier" onRetry={() => void frontier.refetch()} />
      ) : !option ? (
        <Skeleton h={320} aria-label="Working out the frontier" />
      ) : (
        <LazyEChart option={option} height={320} label="Line chart of the best total score at each budget level, with this scenario's point" />
      )}
    </Stack>
  );
}
