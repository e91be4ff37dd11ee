import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, hasFocus, pageWidth, startE2e, type E2e } from './support.js';

describe.skipIf(!hasChromium)('shell: navigation tree, search, home', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('home lists the portfolios with their numbers, those with unaligned projects first', async () => {
    const { page } = await e2e.open('admin');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Portfolios' }).waitFor();
    const cards = page.getByRole('article');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.nth(0).textContent()).toContain('Digital Services');
    await cards.nth(0).getByText('2 unaligned').waitFor();
    expect(await cards.nth(0).textContent()).toContain('5 projects');
    expect(await cards.nth(1).textContent()).toContain('Operations');
  });

  it('walks the tree with the mouse and the keyboard to a portfolio, a programme and a project', async () => {
    const { page } = await e2e.open('admin');
    await page.goto('/');
    const tree = page.getByRole('tree', { name: 'Portfolios, programmes and projects' });
    await tree.getByRole('link', { name: 'Digital Services' }).click();
    await page.getByRole('heading', { level: 1, name: 'Digital Services' }).waitFor();
    // Opening a portfolio expands it; its programme and direct projects show.
    const programme = tree.getByRole('treeitem', { name: 'Customer Experience', exact: true });
    await programme.waitFor();
    expect(await programme.getAttribute('aria-expanded')).toBe('false');

    // Keyboard: focus the programme, expand it with →, go down past its sub-programme with ↓, open with Enter.
    await programme.focus();
    await page.keyboard.press('ArrowRight');
    await tree.getByRole('treeitem', { name: 'CX Tranche 2', exact: true }).waitFor();
    expect(await programme.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New web shop' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/projects/${e2e.fixture.projects['CX-001']}`);
    // The open record is selected in the tree.
    expect(await tree.locator('[role=treeitem][aria-selected=true]').getAttribute('data-value')).toBe(`project:${e2e.fixture.projects['CX-001']}`);

    // A deep link expands the path to the record.
    await page.goto(`/projects/${e2e.fixture.projects['CX-002']}`);
    await tree.getByRole('link', { name: 'Mobile app refresh' }).waitFor();
  });

  it('"/" focuses the search, which finds projects by name or code and opens one', async () => {
    const { page } = await e2e.open('admin');
    await page.goto('/strategy');
    await page.getByRole('heading', { level: 1, name: 'Strategy' }).waitFor();
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search projects by name or code' });
    expect(await hasFocus(search)).toBe(true);
    await page.keyboard.type('ops-0');
    await page.getByRole('option', { name: /Warehouse automation/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Warehouse automation' }).waitFor();
    expect(await search.inputValue()).toBe('');

    // Esc leaves the search.
    await page.keyboard.press('/');
    await page.keyboard.type('zzz');
    await page.getByText('No project matches “zzz”').waitFor();
    await page.keyboard.press('Escape');
    expect(await search.inputValue()).toBe('');
    expect(await hasFocus(search)).toBe(false);
  });

  it('a project manager scoped to one project sees only that project and its parents', async () => {
    const { page } = await e2e.open('pm');
    await page.goto('/');
    const tree = page.getByRole('tree');
    await tree.getByRole('link', { name: 'Digital Services' }).click();
    await tree.getByRole('treeitem', { name: 'Customer Experience', exact: true }).waitFor();
    await page.goto(`/projects/${e2e.fixture.projects['CX-002']}`);
    await tree.getByRole('link', { name: 'Mobile app refresh' }).waitFor();
    // Their own project is theirs to edit.
    expect(await page.getByRole('textbox', { name: 'Name', exact: true }).getAttribute('readonly')).toBeNull();
    const projects = tree.locator('[role=treeitem][data-value^="project:"]');
    expect(await projects.count()).toBe(1);
    expect(await tree.getByRole('link', { name: 'Operations' }).count()).toBe(0);
    // The portfolio page lists only what they may see.
    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}`);
    await page.getByRole('link', { name: 'Mobile app refresh' }).first().waitFor();
    expect(await page.getByRole('region', { name: 'Projects' }).getByRole('table').getByRole('row').count()).toBe(2);
  });

  it('on a phone the navigation is a drawer behind the burger, closed after choosing', async () => {
    const { page } = await e2e.open('admin', 'phone');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Portfolios' }).waitFor();
    const tree = page.getByRole('tree');
    const offScreen = () => tree.evaluate((el) => el.getBoundingClientRect().right <= 0);
    expect(await offScreen()).toBe(true);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await expect.poll(offScreen).toBe(false);
    await tree.getByRole('link', { name: 'Operations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Operations' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Open navigation' }).isVisible()).toBe(true);
    await expect.poll(offScreen).toBe(true);
    // Nothing is wider than the screen.
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  });
});
