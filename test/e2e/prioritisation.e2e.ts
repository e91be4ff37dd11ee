import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, startE2e, type E2e } from './support.js';

type Ranking = { model: { weighting: string; consistency: { consistencyRatio: number } | null }; rows: { code: string; score: number; sheet: { values: Record<string, number> } }[] };

describe.skipIf(!hasChromium)('portfolio prioritisation', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  const ranking = async (e: E2e, page: Page): Promise<Ranking> => {
    const models = (await (await page.request.get(`/api/v1/portfolios/${e.fixture.portfolios.digital}/scoring-models`)).json()) as { items: { id: string }[] };
    return (await (await page.request.get(`/api/v1/scoring-models/${models.items[0]!.id}/ranking`)).json()) as Ranking;
  };

  it('the portfolio manager defines a model, scores projects in place, sees why one ranks above another, and switches to pairwise weights', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}`);
    await page.getByRole('tab', { name: 'Prioritisation' }).click();
    await page.waitForURL(/\/prioritisation$/);
    await page.getByRole('button', { name: 'Create a scoring model' }).click();
    const dialog = page.getByRole('dialog', { name: 'New scoring model' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Digital board 2027');
    // The weights preview follows the typing: 3 of 10 is 30%, 4 of 11 is 36.4%.
    await dialog.getByRole('textbox', { name: 'Financial value weight' }).fill('4');
    await dialog.getByText('36.4%').waitFor();
    await dialog.getByRole('button', { name: 'Create model' }).click();
    await dialog.waitFor({ state: 'detached' });

    const table = page.getByRole('table', { name: 'Projects ranked by Digital board 2027' });
    await table.getByRole('link', { name: /CX-001 New web shop/ }).waitFor();
    // The completed project is left out; the one on hold stays.
    expect(await table.getByRole('link', { name: /DIG-012/ }).count()).toBe(0);
    await table.getByRole('link', { name: /CX-002 Mobile app refresh/ }).waitFor();

    // A value off the scale is refused where it is typed, and nothing is saved.
    await table.getByRole('button', { name: /Financial value of DIG-010: – \(click to edit\)/ }).click();
    const cell = table.getByRole('textbox', { name: 'Financial value of DIG-010' });
    await cell.fill('25');
    await cell.press('Enter');
    await table.getByText('Must be 0–20').waitFor();
    expect((await ranking(e2e, page)).rows.find((r) => r.code === 'DIG-010')!.sheet.values).toEqual({});
    await cell.fill('18');
    await cell.press('Enter');
    await table.getByRole('button', { name: /Financial value of DIG-010: 18 £m/ }).waitFor();
    await table.getByRole('button', { name: /Delivery risk of DIG-010/ }).click();
    await table.getByRole('textbox', { name: 'Delivery risk of DIG-010' }).fill('2');
    await table.getByRole('textbox', { name: 'Delivery risk of DIG-010' }).press('Enter');
    await table.getByRole('button', { name: /Delivery risk of DIG-010: 2 \(click/ }).waitFor();

    // DIG-010 now leads; its lead over the next is explained criterion by criterion.
    await expect.poll(async () => (await ranking(e2e, page)).rows[0]!.code).toBe('DIG-010');
    await table.getByRole('row').nth(1).getByRole('link', { name: /DIG-010/ }).waitFor();
    await table.getByRole('button', { name: /Why DIG-010 is above/ }).click();
    await page.getByText(/DIG-010 is \d+\.\d points above/).waitFor();
    await page.getByText(/Financial value: \+\d+\.\d in favour of DIG-010/).waitFor();
    await page.keyboard.press('Escape');
    // Any two projects: the gap split by criterion.
    const pair = page.getByRole('region', { name: 'Why is one project above another?' });
    await pair.getByRole('combobox', { name: 'Project', exact: true }).click();
    await page.getByRole('option', { name: /CX-002 Mobile app refresh/ }).click();
    await pair.getByRole('combobox', { name: 'Against', exact: true }).click();
    await page.getByRole('option', { name: /DIG-010 Data platform/ }).click();
    await pair.getByText(/^DIG-010 is \d+\.\d points above CX-002/).waitFor();
    expect(page.url()).toMatch(/[?&]a=.*&b=/);
    await page.getByRole('img', { name: /Bubble chart of each project's score against its open risk exposure/ }).waitFor();
    await e2e.screenshot(page, 'portfolio-prioritisation-laptop');

    // Pairwise weighting: compare two criteria, see the consistency ratio, save.
    await page.getByRole('button', { name: 'Edit model' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Digital board 2027' });
    await edit.getByText('Compare in pairs (AHP)').click();
    await edit.getByRole('combobox', { name: 'Financial value compared with Delivery risk' }).click();
    await page.getByRole('option', { name: 'Financial value strongly more important (5×)' }).click();
    await edit.getByRole('combobox', { name: 'Delivery risk compared with Urgency' }).click();
    await page.getByRole('option', { name: 'Delivery risk strongly more important (5×)' }).click();
    await edit.getByRole('combobox', { name: 'Financial value compared with Urgency' }).click();
    await page.getByRole('option', { name: 'Urgency strongly more important (5×)' }).click();
    await edit.getByText(/Consistency ratio \d\.\d\d \(above 0\.1/).waitFor();
    await e2e.screenshot(page, 'portfolio-scoring-model-pairwise', { fullPage: false });
    await edit.getByRole('button', { name: 'Save model' }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByText('Weights from pairwise comparisons (AHP)').waitFor();
    await page.getByText(/The pairwise comparisons are inconsistent/).waitFor();
    const after = await ranking(e2e, page);
    expect(after.model.weighting).toBe('pairwise');
    expect(after.model.consistency!.consistencyRatio).toBeGreaterThan(0.1);
  });

  it('a viewer reads the ranking but changes nothing; on a phone it still reads', async () => {
    const { page } = await e2e.open('viewer', 'phone');
    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}/prioritisation`);
    const table = page.getByRole('table', { name: /Projects ranked by/ });
    await table.getByRole('link', { name: /DIG-010/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Edit model' }).count()).toBe(0);
    expect(await table.getByRole('button', { name: /click to edit/ }).count()).toBe(0);
    await e2e.screenshot(page, 'portfolio-prioritisation-phone');
  });
});
