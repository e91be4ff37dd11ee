/**
 * Deterministic generators for realistic seed values: names, dates, budgets, tags. A fixed
 * PRNG seed makes every run load the same shape of data (ids differ: they are UUIDv7).
 */

/** mulberry32: small, fast, good enough to spread test data. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export function pick<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

/** Picks a key by weight: `{ a: 3, b: 1 }` gives `a` three times as often as `b`. */
export function weighted<K extends string>(rand: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return (entries[entries.length - 1] as [K, number])[0];
}

const ACTIONS = ['Modernise', 'Migrate', 'Replace', 'Consolidate', 'Automate', 'Upgrade', 'Launch', 'Rationalise', 'Digitise', 'Integrate', 'Outsource', 'Decommission', 'Pilot', 'Roll out', 'Redesign', 'Standardise'] as const;
const SUBJECTS = ['Payroll', 'CRM', 'Data Warehouse', 'Customer Portal', 'Billing Engine', 'HR Platform', 'WAN Network', 'Service Desk', 'Warehouse Management', 'Mobile App', 'Identity Management', 'Document Archive', 'Procurement', 'Fleet Telematics', 'Call Centre', 'Finance Ledger', 'Public Website', 'Analytics Platform', 'Supplier Portal', 'Field Service'] as const;
const QUALIFIERS = ['', '', '', ' Phase 2', ' Phase 3', ' (North)', ' (South)', ' Wave 1', ' Wave 2', ' 2026', ' 2027'] as const;
const OUTCOMES = ['to cut running costs', 'to meet the new regulation', 'to retire an unsupported system', 'to improve customer satisfaction', 'to shorten the order-to-cash cycle', 'to reduce manual rework', 'to open a new market'] as const;
const TAGS = ['regulatory', 'cloud', 'cost-saving', 'customer', 'security', 'legacy', 'data', 'esg', 'quick-win'] as const;
const AREAS = ['Digital Channels', 'Core Systems', 'Infrastructure', 'Customer Experience', 'Operations', 'Finance Transformation', 'People', 'Data and Analytics', 'Security', 'Growth'] as const;
const FIRST = ['Ada', 'Bilal', 'Chloe', 'Dmitri', 'Esme', 'Farah', 'Gareth', 'Hana', 'Ivan', 'Jude', 'Keiko', 'Liam', 'Maya', 'Nikhil', 'Orla', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tomas'] as const;
const LAST = ['Okafor', 'Schmidt', 'Patel', 'Nguyen', 'Murphy', 'Kowalski', 'Haddad', 'Silva', 'Johansson', 'Brown'] as const;

export const projectName = (rand: Random): string => `${pick(rand, ACTIONS)} ${pick(rand, SUBJECTS)}${pick(rand, QUALIFIERS)}`;
export const projectDescription = (rand: Random, name: string): string => `${name} ${pick(rand, OUTCOMES)}.`;
export const portfolioName = (i: number): string => `${AREAS[i % AREAS.length] as string}${i >= AREAS.length ? ` ${Math.floor(i / AREAS.length) + 1}` : ''}`;
export const personName = (i: number): string => `${FIRST[i % FIRST.length] as string} ${LAST[Math.floor(i / FIRST.length) % LAST.length] as string}`;

/** Zero to three distinct tags, as the JSON text the project table stores. */
export function tagsJson(rand: Random): string {
  const n = weighted(rand, { '0': 5, '1': 3, '2': 1.5, '3': 0.5 });
  const chosen = new Set<string>();
  while (chosen.size < Number(n)) chosen.add(pick(rand, TAGS));
  return JSON.stringify([...chosen]);
}

const DAY_MS = 86_400_000;
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Planned start in 2024–2027 and a finish 2 to 30 months later; 5% have no dates yet. */
export function plannedDates(rand: Random): { plannedStart: string | null; plannedFinish: string | null } {
  if (rand() < 0.05) return { plannedStart: null, plannedFinish: null };
  const start = Date.UTC(2024, 0, 1) + Math.floor(rand() * 1460) * DAY_MS;
  const finish = start + (60 + Math.floor(rand() * 840)) * DAY_MS;
  return { plannedStart: isoDate(start), plannedFinish: isoDate(finish) };
}

/** A headline budget in pence, £20k to £5m skewed towards small; 5% not yet set. */
export function budget(rand: Random): number | null {
  if (rand() < 0.05) return null;
  const pounds = 20_000 + rand() * rand() * 4_980_000;
  return Math.round(pounds / 1000) * 1000 * 100;
}
