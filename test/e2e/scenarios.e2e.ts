import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, startE2e, type E2e } from './support.js';

describe.skipIf(!hasChromium)('portfolio scenarios', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  const api = async (page: Page) => {
    const { csrfToken } = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    return { headers: { 'x-csrf-token': csrfToken } };
  };

  const createScenario = async (page: Page, name: string, budget: string) => {
    await page.getByRole('button', { name: 'New scenario' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New scenario' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Budget for the horizon (£)' }).fill(budget);
    await dialog.getByRole('button', { name: 'Create scenario' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: new RegExp(`^${name}`) }).waitFor();
    await page.getByRole('button', { name: 'Run the optimiser' }).click();
    await page.getByRole('table', { name: 'Funded projects' }).waitFor();
  };

  it('the portfolio manager builds two scenarios, runs them, compares them, draws the frontier and publishes one as the plan of record', async () => {
    const { page } = await e2e.open('admin');
    const { headers } = await api(page);
    const { projects, portfolios } = e2e.fixture;
    const model = (await (await page.request.post(`/api/v1/portfolios/${portfolios.digital}/scoring-models`, { data: { name: 'Board', criteria: [{ id: 'v', name: 'Value', min: 0, max: 100 }] }, headers })).json()) as { id: string };
    for (const [code, v] of [['CX-001', 70], ['CX-002', 60], ['DIG-010', 80]] as const) {
      expect((await page.request.put(`/api/v1/scoring-models/${model.id}/scores/${projects[code]}`, { data: { version: 0, values: { v } }, headers })).status()).toBe(200);
    }

    await page.goto(`/portfolios/${portfolios.digital}`);
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.waitForURL(/\/scenarios$/);
    await page.getByText('No scenarios yet').waitFor();
    // £1.5m: CX-002 and DIG-010 (60 + 80 for £1.38m) beat CX-001 alone (70 for £1.25m).
    await createScenario(page, 'Lean 2027', '1500000');
    const funded = page.getByRole('table', { name: 'Funded projects' });
    await funded.getByRole('link', { name: /CX-002/ }).waitFor();
    await funded.getByRole('link', { name: /DIG-010/ }).waitFor();
    expect(await funded.getByRole('link', { name: /CX-001/ }).count()).toBe(0);
    await page.getByRole('table', { name: 'Projects left out' }).getByRole('link', { name: /CX-001/ }).waitFor();
    await page.getByText('140.0', { exact: true }).waitFor();
    await page.getByText(/Not considered: DIG-011 \(it has no budget yet/).waitFor();

    await createScenario(page, 'Generous', '3000000');
    await page.getByText('210.0', { exact: true }).waitFor();
    // Try DIG-010 two months later on the portfolio Gantt (keyboard), watch the load, apply.
    const bar = page.getByRole('button', { name: /^DIG-010: from 2027-04 for 12 months/ });
    await bar.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.getByText('Moved: DIG-010 to 2027-06.').waitFor();
    await page.getByRole('button', { name: 'Apply and run again' }).click();
    await page.getByRole('button', { name: /^DIG-010: from 2027-06 for 12 months/ }).waitFor();
    const generous = ((await (await page.request.get(`/api/v1/portfolios/${portfolios.digital}/scenarios`)).json()) as { items: { name: string; settings: { projects: Record<string, { shiftMonths?: number }> } }[] }).items.find((s) => s.name === 'Generous')!;
    expect(generous.settings.projects[projects['DIG-010']!]!.shiftMonths).toBe(2);
    await page.getByRole('combobox', { name: 'With' }).click();
    await page.getByRole('option', { name: 'Lean 2027' }).click();
    const diff = page.getByRole('table', { name: 'Projects the scenarios treat differently' });
    await diff.getByRole('cell', { name: /CX-001/ }).waitFor();
    expect(page.url()).toMatch(/compare=/);

    await page.getByRole('button', { name: 'Lean 2027' }).click();
    await page.getByRole('button', { name: 'Work out the frontier' }).click();
    await page.getByRole('img', { name: /best total score at each budget level/ }).waitFor({ timeout: 30_000 });
    await e2e.screenshot(page, 'portfolio-scenarios-laptop');

    await page.getByRole('button', { name: 'Publish as plan of record' }).click();
    await page.getByRole('dialog', { name: 'Publish Lean 2027?' }).getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published by Ada Admin/).waitFor();
    const state = async (code: string) => ((await (await page.request.get(`/api/v1/projects/${projects[code]}`)).json()) as { state: string }).state;
    expect(await state('CX-001')).toBe('on-hold');
    expect(await state('CX-002')).toBe('active');
    expect(await state('DIG-010')).toBe('active');

    // The plan of record cannot change; a copy of it can.
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('heading', { name: /^Lean 2027 \(copy\)/ }).waitFor();
    // Alternatives: CX-002 or DIG-010, not both; the better one (DIG-010) is funded alone.
    await page.getByRole('button', { name: 'Add alternatives' }).click();
    await page.getByLabel('Projects', { exact: true }).first().click({ force: true });
    await page.getByRole('option', { name: 'CX-002', exact: true }).click();
    await page.getByRole('option', { name: 'DIG-010', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('button', { name: 'Run the optimiser' }).click();
    await page.getByRole('table', { name: 'Funded projects' }).waitFor();
    await page.getByText('80.0', { exact: true }).first().waitFor();
    await page.getByRole('table', { name: 'Projects left out' }).getByText(/group "Alternatives 1"/).first().waitFor();
    // Drag a bar with the mouse: two months later, the move is offered for applying.
    const dragged = page.getByRole('button', { name: /^DIG-010: from 2027-04/ });
    await dragged.scrollIntoViewIfNeeded();
    const box = (await dragged.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 10 + 44, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + 10 + 88, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.getByText('Moved: DIG-010 to 2027-06.').waitFor();
  });

  it('a viewer reads the scenarios but cannot run or publish them', async () => {
    const { page } = await e2e.open('viewer', 'phone');
    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}/scenarios`);
    await page.getByRole('table', { name: 'Funded projects' }).waitFor();
    expect(await page.getByRole('button', { name: /Run/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Publish as plan of record' }).count()).toBe(0);
    await e2e.screenshot(page, 'portfolio-scenarios-phone');
  });
});
