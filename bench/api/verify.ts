import type { Project } from '../../src/api/schemas/project.schema.js';
import type { PortfolioSummary } from '../../src/api/schemas/portfolio.schema.js';
import { STAGES, STATES } from '../../src/domain/structure/index.js';
import { getJson, listPath, summaryPath } from './http.js';
import type { Seeded, SeededPortfolio } from './seed.js';

type Page = { items: Project[]; nextCursor: string | null };

export type Verification = {
  problems: string[];
  /** First page of the largest portfolio: the payload the ceiling serves. */
  samplePage: Page;
  checked: { portfolios: number; pagesWalked: number; fullPage: boolean };
};

const PAGE = 100;
const UNALIGNED_SHOWN = 200;

function checkSummary(s: PortfolioSummary, want: SeededPortfolio): string[] {
  const out: string[] = [];
  const expect = (what: string, got: unknown, wanted: unknown) => {
    if (got !== wanted) out.push(`summary ${want.id}: ${what} is ${String(got)}, seeded ${String(wanted)}`);
  };
  expect('projectCount', s.projectCount, want.projectCount);
  expect('programmeCount', s.programmeCount, want.programmeCount);
  expect('unalignedCount', s.unalignedCount, want.unalignedCount);
  expect('unaligned.length', s.unaligned.length, Math.min(want.unalignedCount, UNALIGNED_SHOWN));
  expect('totalBudget', s.totalBudget, want.totalBudget);
  for (const k of STAGES) expect(`byStage.${k}`, s.byStage[k], want.byStage[k]);
  for (const k of STATES) expect(`byState.${k}`, s.byState[k], want.byState[k]);
  expect('sum of byStage', STAGES.reduce((n, k) => n + s.byStage[k], 0), want.projectCount);
  expect('sum of byState', STATES.reduce((n, k) => n + s.byState[k], 0), want.projectCount);
  return out;
}

function checkFirstPage(page: Page, want: SeededPortfolio): string[] {
  const out: string[] = [];
  const expected = want.orderedIds.slice(0, PAGE);
  if (page.items.length !== expected.length) out.push(`list ${want.id}: ${page.items.length} items, expected ${expected.length}`);
  if (page.items.some((p) => p.portfolioId !== want.id)) out.push(`list ${want.id}: an item from another portfolio`);
  for (let i = 1; i < page.items.length; i++) {
    const a = page.items[i - 1] as Project;
    const b = page.items[i] as Project;
    if (a.name > b.name || (a.name === b.name && a.id >= b.id)) {
      out.push(`list ${want.id}: items ${i - 1} and ${i} out of name order ("${a.name}" / "${b.name}")`);
      break;
    }
  }
  if (page.items.map((p) => p.id).join() !== expected.join()) out.push(`list ${want.id}: the page is not the first ${expected.length} projects by name`);
  if ((page.nextCursor !== null) !== want.projectCount > PAGE) out.push(`list ${want.id}: nextCursor ${page.nextCursor === null ? 'missing' : 'present'} with ${want.projectCount} projects`);
  return out;
}

/**
 * Checks the API against what was seeded, before any load: every portfolio's summary counts,
 * every portfolio's first page (100 items sorted by name), and a full cursor walk through the
 * largest portfolio.
 */
export async function verify(origin: string, seeded: Seeded): Promise<Verification> {
  const problems: string[] = [];
  const token = seeded.token;
  const largest = seeded.portfolios.reduce((a, b) => (b.projectCount > a.projectCount ? b : a));
  let samplePage: Page | null = null;
  for (const want of seeded.portfolios) {
    problems.push(...checkSummary(await getJson<PortfolioSummary>(origin, summaryPath(want.id), token), want));
    const page = await getJson<Page>(origin, listPath(want.id), token);
    problems.push(...checkFirstPage(page, want));
    if (want === largest) samplePage = page;
  }

  const walked: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await getJson<Page>(origin, listPath(largest.id, cursor), token);
    walked.push(...page.items.map((p) => p.id));
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages <= largest.projectCount);
  if (walked.join() !== largest.orderedIds.join()) problems.push(`list ${largest.id}: walking all ${pages} pages did not give its ${largest.projectCount} projects in name order once each`);

  return { problems, samplePage: samplePage as Page, checked: { portfolios: seeded.portfolios.length, pagesWalked: pages, fullPage: largest.projectCount >= PAGE } };
}
