import { Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { RankingRow } from '../../../api/scoring';
import type { ChartOption } from '../../../shared/echart';
import { LazyEChart } from '../../../shared/lazy-echart';
import { formatMoney } from '../../../shared/format';

/**
 * Value against risk: each project at its score (up) and its open risk exposure (right), the
 * bubble's area by budget. Top-left is where the portfolio wants its money. A click opens the project.
 */
export function BubbleChart({ rows, currency }: { rows: RankingRow[]; currency: string }) {
  const navigate = useNavigate();
  const maxBudget = Math.max(1, ...rows.map((r) => r.budget ?? 0));
  const option = useMemo<ChartOption>(
    () => ({
      title: { text: 'Value against risk (bubble area: budget)', left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 56, right: 24, top: 48, bottom: 48 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const r = rows[p.dataIndex]!;
          return `<b>${r.code} ${r.name}</b><br/>Score ${r.score.toFixed(1)} (rank ${r.rank})<br/>Open risk exposure ${r.riskExposure} (${r.openRisks} risk${r.openRisks === 1 ? '' : 's'})<br/>Budget ${r.budget === null ? 'not set' : formatMoney(r.budget, currency)}`;
        },
      },
      xAxis: { type: 'value', name: 'Open risk exposure (Σ probability × impact)', nameLocation: 'middle', nameGap: 30, min: 0 },
      yAxis: { type: 'value', name: 'Score (0–100)', nameLocation: 'middle', nameGap: 36, min: 0, max: 100 },
      series: [
        {
          type: 'scatter',
          name: 'Projects',
          data: rows.map((r) => [r.riskExposure, Number(r.score.toFixed(2)), r.budget ?? 0]),
          symbolSize: (v: number[]) => 10 + 40 * Math.sqrt((v[2] ?? 0) / maxBudget),
          label: { show: true, formatter: (p: { dataIndex: number }) => rows[p.dataIndex]!.code, position: 'top', fontSize: 11 },
          itemStyle: { color: 'rgba(28, 126, 214, 0.55)', borderColor: '#1864ab' },
          cursor: 'pointer',
        },
      ],
    }),
    [rows, currency, maxBudget],
  );
  if (rows.length === 0) return null;
  return (
    <Stack gap={4} component="section" aria-labelledby="bubble-heading">
      <Title order={3} size="h4" id="bubble-heading">
        Value and risk
      </Title>
      <Text size="sm" c="dimmed">
        Higher is more valuable, further right carries more open risk; a bigger bubble costs more. Click a bubble to open the project.
      </Text>
      <LazyEChart option={option} height={360} label="Bubble chart of each project's score against its open risk exposure, sized by budget" onClick={(i) => void navigate(`/projects/${rows[i]!.projectId}`)} />
    </Stack>
  );
}
