const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2027-03` → `Mar 2027`. */
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** `2027-03` → `Mar 27` (column headers). */
export function shortMonth(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;
}

export function hours(h: number): string {
  return `${Math.round(h).toLocaleString('en-GB')} h`;
}

/** The month `n` after `month`. */
export function addMonths(month: string, n: number): string {
  const m = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

export function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

/** How loaded a cell is, in words and colours (the word is always shown: never colour alone). */
export function loadOf(utilisation: number | null, demand: number): { level: 'none' | 'ok' | 'high' | 'over'; bg: string; fg: string } {
  if (utilisation === null) return demand > 0 ? { level: 'over', bg: 'var(--mantine-color-red-2)', fg: 'var(--mantine-color-red-9)' } : { level: 'none', bg: 'transparent', fg: 'var(--mantine-color-dimmed)' };
  if (utilisation > 1 + 1e-9) return { level: 'over', bg: 'var(--mantine-color-red-2)', fg: 'var(--mantine-color-red-9)' };
  if (utilisation >= 0.85) return { level: 'high', bg: 'var(--mantine-color-yellow-1)', fg: 'var(--mantine-color-yellow-9)' };
  if (demand > 0) return { level: 'ok', bg: 'var(--mantine-color-green-0)', fg: 'var(--mantine-color-green-9)' };
  return { level: 'none', bg: 'transparent', fg: 'var(--mantine-color-dimmed)' };
}
