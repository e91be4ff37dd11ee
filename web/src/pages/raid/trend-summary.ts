import type { Trend } from '../../../../src/api/schemas/raid.schema.js';
import { formatDate } from '../../shared/format.js';

type Point = Trend['points'][number];

/** The spans a trend chart offers, in months back from today. */
export const TREND_SPANS = { 3: 'three months', 6: 'six months', 12: 'year' } as const;
export type TrendSpan = keyof typeof TREND_SPANS;

/**
 * The days a trend of `months` ending on `today` (`YYYY-MM-DD`) covers: from the same day
 * `months` earlier (the month's last day when it has no such day), sampled weekly.
 *
 * @example trendWindow('2026-08-31', 6) // { from: '2026-02-28', to: '2026-08-31', stepDays: 7 }
 */
export function trendWindow(today: string, months: number): { from: string; to: string; stepDays: number } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return { from: first.toISOString().slice(0, 10), to: today, stepDays: 7 };
}

const risks = (n: number) => `${n} open risk${n === 1 ? '' : 's'}`;

/**
 * One sentence saying what a trend chart shows, for screen readers and beside the chart:
 * where exposure (the open risks' scores added up) started and ended over the span, its peak
 * when that is above both ends, and how many risks are open now and their exposure after response.
 *
 * @example trendSummary(points, 'six months') // 'Exposure rose from 120 to 164 over the last six months; 9 open risks now, 96 after response.'
 */
export function trendSummary(points: readonly Point[], span: string): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 'No exposure to show.';
  const move = last.exposure > first.exposure ? `rose from ${first.exposure} to ${last.exposure}` : last.exposure < first.exposure ? `fell from ${first.exposure} to ${last.exposure}` : `held at ${last.exposure}`;
  const peak = points.reduce((a, b) => (b.exposure > a.exposure ? b : a), first);
  const peaked = peak.exposure > first.exposure && peak.exposure > last.exposure ? ` (peak ${peak.exposure} on ${formatDate(peak.date)})` : '';
  const after = last.open > 0 ? `, ${last.residualExposure} after response` : '';
  return `Exposure ${move} over the last ${span}${peaked}; ${risks(last.open)} now${after}.`;
}
