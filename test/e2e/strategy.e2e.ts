import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, startE2e, type E2e } from './support.js';

describe.skipIf(!hasChromium)('strategy page', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('lists the objective tree with measures, targets and the projects serving each, linking to them', async () => {
    const { page } = await e2e.open('viewer');
    await page.goto('/strategy');
    const tree = page.getByRole('list', { name: 'Strategic objectives' });
    await tree.waitFor();
    const labels = await tree.locator(':scope > li').evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-level')} ${e.getAttribute('aria-label')}`));
    expect(labels).toEqual(['1 OBJ-1 Grow digital revenue', '2 OBJ-1.1 Convert more visitors', '2 OBJ-1.2 Keep customers longer', '1 OBJ-2 Run leaner operations']);

    const convert = tree.getByRole('listitem', { name: 'OBJ-1.1 Convert more visitors' });
    expect(await convert.textContent()).toContain('Conversion rate (%)');
    expect(await convert.textContent()).toContain('3.5% by December 2027');
    expect(await convert.textContent()).toContain('Weight 50');
    const served = convert.getByRole('group', { name: 'Projects serving Convert more visitors' });
    expect(await served.getByRole('link').allTextContents()).toEqual(['CX-001 New web shop 100%', 'CX-002 Mobile app refresh 50%']);
    // Children sit indented under their parent.
    const indent = async (name: string) => tree.getByRole('listitem', { name }).evaluate((el) => el.getBoundingClientRect().left);
    expect(await indent('OBJ-1.1 Convert more visitors')).toBeGreaterThan(await indent('OBJ-1 Grow digital revenue'));

    await served.getByRole('link', { name: /Mobile app refresh/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Mobile app refresh' }).waitFor();
    // A viewer may not add objectives.
    await page.goto('/strategy');
    await tree.waitFor();
    expect(await page.getByRole('button', { name: 'New objective' }).count()).toBe(0);
  });

  it('lets a PMO administrator add an objective under another, which then shows unserved', async () => {
    const { page } = await e2e.open('admin');
    await page.goto('/strategy');
    await page.getByRole('button', { name: 'New objective' }).click();
    const dialog = page.getByRole('dialog', { name: 'New strategic objective' });
    await dialog.getByRole('textbox', { name: 'Code' }).fill('OBJ 2.1');
    await dialog.getByText('Must be letters, digits').waitFor();
    await dialog.getByRole('textbox', { name: 'Code' }).fill('OBJ-2.1');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Automate the warehouse');
    await dialog.getByRole('combobox', { name: 'Part of' }).click();
    await page.getByRole('option', { name: /OBJ-2 Run leaner operations/ }).click();
    await dialog.getByRole('textbox', { name: 'Target' }).fill('70% of orders picked by robots');
    await dialog.getByRole('button', { name: 'Create objective' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const added = page.getByRole('listitem', { name: 'OBJ-2.1 Automate the warehouse' });
    await added.waitFor();
    expect(await added.getAttribute('aria-level')).toBe('2');
    expect(await added.textContent()).toContain('No project serves this objective yet');
    await page.getByText('5 objectives; 1 is served by no project yet.').waitFor();
  });
});
