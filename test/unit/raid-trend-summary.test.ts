import { describe, expect, it } from 'vitest';
import { trendSummary, trendWindow } from '../../web/src/pages/raid/trend-summary.js';

const point = (date: string, exposure: number, open: number, residualExposure = exposure) => ({ date, open, exposure, residualExposure, byBand: {}, top: [] });

describe('the exposure trend chart', () => {
  it('covers the same day months back, or the last day of a shorter month, weekly', () => {
    expect(trendWindow('2026-12-04', 6)).toEqual({ from: '2026-06-04', to: '2026-12-04', stepDays: 7 });
    expect(trendWindow('2026-08-31', 6)).toEqual({ from: '2026-02-28', to: '2026-08-31', stepDays: 7 });
    expect(trendWindow('2026-03-02', 12)).toEqual({ from: '2025-03-02', to: '2026-03-02', stepDays: 7 });
    expect(trendWindow('2028-05-31', 3)).toEqual({ from: '2028-02-29', to: '2028-05-31', stepDays: 7 });
  });

  it('says where exposure went, its peak above both ends, and what is open now', () => {
    const points = [point('2026-06-04', 120, 7, 80), point('2026-09-03', 180, 10, 120), point('2026-12-03', 164, 9, 96)];
    expect(trendSummary(points, 'six months')).toBe('Exposure rose from 120 to 164 over the last six months (peak 180 on 3 Sep 2026); 9 open risks now, 96 after response.');
    expect(trendSummary([point('2026-06-04', 30, 2), point('2026-12-03', 12, 1, 6)], 'six months')).toBe('Exposure fell from 30 to 12 over the last six months; 1 open risk now, 6 after response.');
  });

  it('says exposure held when the ends agree, and nothing after response when no risk is open', () => {
    expect(trendSummary([point('2026-01-01', 0, 0), point('2026-02-01', 8, 1), point('2026-03-01', 0, 0)], 'three months')).toBe('Exposure held at 0 over the last three months (peak 8 on 1 Feb 2026); 0 open risks now.');
    expect(trendSummary([], 'year')).toBe('No exposure to show.');
  });
});
