import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PortfolioCreate, ProjectCreate } from '../../src/api/schemas/index.js';
import { createPortfolio } from '../../src/services/portfolios.js';
import { createProject } from '../../src/services/projects.js';
import { XSS_NAME } from './fixture.js';
import { cssOf, hasChromium, startE2e, type E2e } from './support.js';

/** The page's list of projects (other sections have tables of projects too). */
const projects = (page: Page) => page.getByRole('region', { name: 'Projects', exact: true });

/** The project codes in the table, top to bottom. */
async function codes(page: Page): Promise<string[]> {
  const table = projects(page).getByRole('table');
  await table.locator('tbody tr').first().waitFor();
  return (await table.locator('tbody tr td:first-child').allTextContents()).map((t) => t.trim());
}

async function waitForCodes(page: Page, expected: string[]): Promise<void> {
  await expect.poll(() => codes(page)).toEqual(expected);
}

describe.skipIf(!hasChromium)('portfolio page', () => {
  let e2e: E2e;
  let bulk: string;
  beforeAll(async () => {
    e2e = await startE2e();
    const p = await createPortfolio(e2e.system, PortfolioCreate.parse({ organisationId: e2e.fixture.organisationId, code: 'BULK', name: 'Bulk Portfolio' }));
    bulk = p.id;
    for (let i = 1; i <= 57; i++) {
      await createProject(e2e.system, ProjectCreate.parse({ portfolioId: bulk, code: `B-${String(i).padStart(3, '0')}`, name: `Bulk project ${i}` }));
    }
  });
  afterAll(() => e2e?.close());

  it('shows the summary, the unaligned projects, and the projects with money and dates formatted', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}`);
    await page.getByRole('heading', { level: 1, name: 'Digital Services' }).waitFor();
    await page.getByText('Total budget (GBP)').waitFor();
    await page.getByText('£2,930,000').waitFor();
    await page.getByRole('link', { name: 'Proposal: 2 projects' }).waitFor();
    const unaligned = page.getByRole('region', { name: /serve no strategic objective/ });
    await unaligned.getByRole('link', { name: 'Data platform' }).waitFor();
    expect(await unaligned.getByRole('link', { name: XSS_NAME }).count()).toBe(1);

    await waitForCodes(page, ['CX-001', 'CX-002', 'DIG-010', 'DIG-011', 'DIG-012']);
    const row = projects(page).getByRole('row').filter({ hasText: 'CX-001' });
    const cells = await row.locator('td').allTextContents();
    expect(cells).toContain('4 Jan 2027');
    expect(cells).toContain('30 Jun 2027');
    expect(cells).toContain('£1,250,000');
    expect(await row.textContent()).toContain('Customer Experience');
    // Aligned status is a word and an icon, never colour alone.
    expect(await projects(page).getByRole('row').filter({ hasText: 'DIG-010' }).textContent()).toContain('Unaligned');
    expect(await row.textContent()).toContain('Aligned');
    // Budgets are right-aligned.
    expect(await cssOf(row.locator('td').nth(6), 'text-align')).toBe('right');
  });

  it('sorts and filters through the URL, so back and forward and shared links work', async () => {
    const { page } = await e2e.open('admin');
    const base = `/portfolios/${e2e.fixture.portfolios.digital}`;
    await page.goto(base);
    await waitForCodes(page, ['CX-001', 'CX-002', 'DIG-010', 'DIG-011', 'DIG-012']);

    await projects(page).getByRole('button', { name: /^Finish/ }).click();
    await page.waitForURL(/sort=plannedFinish/);
    await waitForCodes(page, ['DIG-012', 'CX-001', 'CX-002', 'DIG-010', 'DIG-011']);
    expect(await projects(page).getByRole('columnheader', { name: /Finish/ }).getAttribute('aria-sort')).toBe('ascending');
    await projects(page).getByRole('button', { name: /^Finish/ }).click();
    await page.waitForURL(/sort=-plannedFinish/);

    await page.getByRole('combobox', { name: 'State' }).click();
    await page.getByRole('option', { name: 'Completed' }).click();
    await page.waitForURL(/state=completed/);
    await waitForCodes(page, ['DIG-012']);

    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('state='));
    // Descending puts the project with no finish date last, as ascending does.
    await waitForCodes(page, ['DIG-010', 'CX-002', 'CX-001', 'DIG-012', 'DIG-011']);

    // A shared link opens with its filters applied and shown.
    await page.goto(`${base}?stage=proposal&q=data`);
    await waitForCodes(page, ['DIG-010']);
    expect(await page.getByRole('textbox', { name: 'Find' }).inputValue()).toBe('data');
    expect(await page.getByRole('combobox', { name: 'Stage' }).inputValue()).toBe('Proposal');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForCodes(page, ['CX-001', 'CX-002', 'DIG-010', 'DIG-011', 'DIG-012']);

    // Typing in Find filters as you type (debounced) and lands in the URL.
    await page.getByRole('textbox', { name: 'Find' }).fill('web');
    await page.waitForURL(/q=web/);
    await waitForCodes(page, ['CX-001']);

    // Aligned filter, and a filter with no match offers to clear.
    await page.goto(`${base}?aligned=false&state=completed`);
    await page.getByText('No project matches these filters').waitFor();
  });

  it('loads more with the cursor', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/portfolios/${bulk}`);
    await page.getByText('50 projects shown, more available').waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('57 projects shown').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    const all = await codes(page);
    expect(new Set(all).size).toBe(57);
    expect(all[56]).toBe('B-057');
  });

  it('creates a portfolio and its first project from the empty states (n opens "new")', async () => {
    const { page } = await e2e.open('admin');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Portfolios' }).waitFor();
    await page.keyboard.press('n');
    const newPortfolio = page.getByRole('dialog', { name: 'New portfolio' });
    await newPortfolio.getByRole('textbox', { name: 'Code' }).fill('NEW');
    await newPortfolio.getByRole('textbox', { name: 'Name' }).fill('New Ventures');
    await newPortfolio.getByRole('button', { name: 'Create portfolio' }).click();
    await page.getByRole('heading', { level: 1, name: 'New Ventures' }).waitFor();
    await page.getByText('No projects here yet').waitFor();
    await page.getByRole('tree').getByRole('link', { name: 'New Ventures' }).waitFor();

    await page.getByRole('main').getByRole('button', { name: 'New project' }).last().click();
    const newProject = page.getByRole('dialog', { name: 'New project' });
    await newProject.getByRole('textbox', { name: 'Code' }).fill('NV-001');
    await newProject.getByRole('textbox', { name: 'Name' }).fill('Pilot shop');
    await newProject.getByRole('textbox', { name: 'Planned start', exact: true }).fill('2027-05-01');
    await newProject.getByRole('textbox', { name: 'Planned finish', exact: true }).fill('2027-04-01');
    await newProject.getByText('Must not be before the planned start').waitFor();
    await newProject.getByRole('textbox', { name: 'Planned finish', exact: true }).fill('2027-10-29');
    await newProject.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pilot shop' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Stage' }).inputValue()).toBe('Proposal');
    await page.keyboard.press('Escape');
  });
});
