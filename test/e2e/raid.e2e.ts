import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { FIXED_NOW, hasChromium, startE2e, type E2e } from './support.js';

const pick = async (page: Page, label: string, option: string) => {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

/** How far the element's scrolling box (the nearest ancestor that scrolls sideways) overflows, in CSS pixels. */
const sidewaysOverflow = (el: Locator) =>
  el.evaluate((node) => {
    for (let box = node.parentElement; box; box = box.parentElement) {
      const overflow = box.ownerDocument.defaultView?.getComputedStyle(box).overflowX ?? '';
      if (overflow === 'auto' || overflow === 'scroll') return box.scrollWidth - box.clientWidth;
    }
    return 0;
  });

describe.skipIf(!hasChromium)('risks and issues', () => {
  let e2e: E2e;
  let id: (code: string) => string;
  beforeAll(async () => {
    e2e = await startE2e();
    id = (code) => e2e.fixture.projects[code] as string;
  });
  afterAll(() => e2e?.close());

  it('raises a risk, sees it on the heat map and the exposure trend, filters by its cell, and the programme sees it escalated', async () => {
    const { page } = await e2e.open('admin');
    // The browser's today is the server's, so the trend ends on the day the risks are raised.
    await page.clock.setFixedTime(new Date(FIXED_NOW));
    await page.goto(`/projects/${id('CX-001')}/raid`);
    await page.getByText('No open risks').waitFor();
    await page.getByRole('button', { name: 'Raise risk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Raise a risk' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Payment provider fails certification');
    await dialog.getByRole('textbox', { name: 'Cause' }).fill('New 3-D Secure rules');
    await pick(page, 'Probability', '4 · High');
    await pick(page, 'Impact', '5 · Very high');
    await dialog.getByRole('button', { name: 'Raise risk' }).click();
    await dialog.waitFor({ state: 'detached' });

    const table = page.getByRole('table', { name: 'Risks' });
    const row = table.locator('tbody tr', { hasText: 'Payment provider fails certification' });
    await row.waitFor();
    expect(await row.getByLabel('score 20, Critical').count()).toBe(1);
    await row.getByText('escalated').waitFor();

    const cell = page.getByRole('gridcell', { name: /Probability High, impact Very high: 1 risk/ });
    await cell.waitFor();
    // A second risk elsewhere on the map, then the cell filter shows only the first.
    await page.getByRole('button', { name: 'Raise risk' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Title' }).fill('Copywriter unavailable');
    await pick(page, 'Probability', '2 · Low');
    await pick(page, 'Impact', '2 · Low');
    await page.getByRole('dialog').getByRole('button', { name: 'Raise risk' }).click();
    await table.locator('tbody tr', { hasText: 'Copywriter unavailable' }).waitFor();
    // Exposure is the open risks' scores added up: nothing before today, 20 + 4 now.
    const trend = page.getByRole('figure', { name: 'Exposure trend' });
    const risen = 'Exposure rose from 0 to 24 over the last six months; 2 open risks now, 24 after response.';
    await trend.getByRole('img', { name: `Exposure trend: ${risen}` }).waitFor();
    expect(await trend.getByText(risen).count()).toBe(1);
    expect(await trend.getByRole('img').locator('svg path').count(), 'ECharts drew the lines').toBeGreaterThan(2);
    await trend.locator('label', { hasText: '3 m' }).click();
    await trend.getByText('Exposure rose from 0 to 24 over the last three months; 2 open risks now, 24 after response.').waitFor();
    await trend.locator('label', { hasText: '6 m' }).click();
    await trend.getByText(risen).waitFor();
    // A click on the chart names the risks behind that day; each opens its record.
    const chart = trend.getByRole('img', { name: `Exposure trend: ${risen}` });
    const box = (await chart.boundingBox())!;
    // The plot ends 16 px from the right: click just inside it, on today.
    await chart.click({ position: { x: box.width - 17, y: box.height / 2 } });
    const behind = trend.getByRole('group', { name: /^Risks behind / });
    await behind.getByText(/2 open, exposure 24/).waitFor();
    await behind.getByRole('button', { name: /Copywriter unavailable · 4/ }).click();
    await page.getByRole('dialog', { name: /Copywriter unavailable/ }).waitFor();
    await page.keyboard.press('Escape');
    await cell.click();
    await page.getByRole('button', { name: /Cell P4 × I5/ }).waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await e2e.screenshot(page, 'project-raid-laptop');
    // At laptop widths the heat map stays beside the list and the list fits without scrolling sideways.
    for (const size of [{ width: 1280, height: 800 }, { width: 1366, height: 768 }]) {
      await page.setViewportSize(size);
      await expect.poll(() => sidewaysOverflow(table), { message: `${size.width}×${size.height}: the list scrolls sideways` }).toBe(0);
      const map = (await page.getByRole('grid', { name: /Risks by probability and impact/ }).boundingBox())!;
      expect(map.x + map.width, `${size.width}×${size.height}: the heat map is beside the list`).toBeLessThan((await table.boundingBox())!.x);
      const chart = (await trend.boundingBox())!;
      expect(chart.x + chart.width, `${size.width}×${size.height}: the trend is beside the list`).toBeLessThan((await table.boundingBox())!.x);
      expect(chart.y, `${size.width}×${size.height}: the trend is under the heat map`).toBeGreaterThan(map.y + map.height);
    }

    await page.goto(`/programmes/${e2e.fixture.programmes.cx}`);
    const section = page.getByRole('region', { name: 'Risks and issues' });
    const escalated = section.getByRole('table', { name: 'Risks' }).locator('tbody tr', { hasText: 'Payment provider fails certification' });
    await escalated.getByText('from CX-001 New web shop').waitFor();
    // The programme's trend counts what was escalated to it.
    await section.getByRole('figure', { name: 'Exposure trend' }).getByText('Exposure rose from 0 to 20 over the last six months; 1 open risk now, 20 after response.').waitFor();
    expect(await section.getByRole('table', { name: 'Risks' }).locator('tbody tr', { hasText: 'Copywriter unavailable' }).count()).toBe(0);
  });

  it('rates in place, plans the response with an action, and turns the risk into an issue when it happens', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${id('CX-001')}/raid`);
    const table = page.getByRole('table', { name: 'Risks' });
    const row = table.locator('tbody tr', { hasText: 'Copywriter unavailable' });
    await row.getByRole('combobox', { name: /Impact of R-/ }).click();
    await page.getByRole('option', { name: '3' }).click();
    await row.getByLabel('score 6, Medium').waitFor();

    await row.getByRole('button', { name: 'Copywriter unavailable' }).click();
    const drawer = page.getByRole('dialog', { name: /Copywriter unavailable/ });
    await drawer.getByRole('textbox', { name: 'New action' }).fill('Book an agency writer');
    await drawer.getByRole('button', { name: 'Add' }).click();
    await drawer.getByText('Book an agency writer').waitFor();
    await drawer.getByRole('button', { name: 'Risk occurred' }).click();
    await drawer.getByText('Became an issue').waitFor();
    await drawer.getByText('occurred: became I-1').waitFor();
    await page.keyboard.press('Escape');

    await page.locator('label', { hasText: /^Issues$/ }).click();
    const issues = page.getByRole('table', { name: 'Issues' });
    await issues.locator('tbody tr', { hasText: 'Copywriter unavailable' }).getByText('a risk that occurred').waitFor();
  });

  it('logs a decision with its options and records it, refusing to decide without a rationale', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${id('CX-001')}/raid`);
    await page.locator('label', { hasText: /^Decisions$/ }).click();
    await page.getByText('No decisions yet').waitFor();
    await page.getByRole('button', { name: 'Log decision' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log a decision' });
    await dialog.getByRole('textbox', { name: 'Question' }).fill('Which payment provider?');
    await dialog.getByRole('textbox', { name: 'Options' }).fill('Stay with Paywise\nMove to Stripe');
    await dialog.getByRole('button', { name: 'Log decision' }).click();
    const row = page.getByRole('table', { name: 'Decisions' }).locator('tbody tr', { hasText: 'Which payment provider?' });
    await row.waitFor();
    await row.getByRole('combobox', { name: /Status of DEC-1/ }).click();
    await page.getByRole('option', { name: 'decided' }).click();
    const record = page.getByRole('dialog', { name: 'DEC-1: decided' });
    await record.getByRole('textbox', { name: 'Decision' }).fill('Move to Stripe');
    await record.getByRole('button', { name: 'Save' }).click();
    await record.getByText(/must say why/i).waitFor();
    await record.getByRole('textbox', { name: 'Rationale' }).fill('Certified for the new 3-D Secure rules');
    await record.getByRole('textbox', { name: 'Decided by' }).fill('Project board');
    await record.getByRole('textbox', { name: 'Decided on' }).fill('2026-03-02');
    await record.getByRole('button', { name: 'Save' }).click();
    await record.waitFor({ state: 'detached' });
    await row.getByText('Move to Stripe').waitFor();
    await e2e.screenshot(page, 'project-decisions-laptop', { fullPage: false });
  });

  it('names owners by picking people of the organisation: on a new risk, in its detail, on its actions and on issues', async () => {
    const db = e2e.system.db;
    const userId = async (key: 'admin' | 'viewer' | 'pm' | 'sponsor') => (await db.selectFrom('userAccount').select('id').where('email', '=', e2e.fixture.users[key].email).executeTakeFirstOrThrow()).id;
    const choose = async (field: Locator, typed: string, option: string) => {
      await field.click();
      await field.fill(typed);
      // Typing narrows the list to the people whose name matches.
      await expect.poll(() => page.getByRole('option').allTextContents()).toEqual([option]);
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    // The project manager holds a role on one project only, and still sees everyone to pick from.
    const { page } = await e2e.open('pm');
    await page.goto(`/projects/${id('CX-002')}/raid`);
    await page.getByRole('button', { name: 'Raise risk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Raise a risk' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('App store review rejects the release');
    await choose(dialog.getByRole('combobox', { name: 'Owner' }), 'spons', e2e.fixture.users.sponsor.name);
    await dialog.getByRole('button', { name: 'Raise risk' }).click();
    await dialog.waitFor({ state: 'detached' });
    const risk = () => db.selectFrom('raidRisk').selectAll().where('title', '=', 'App store review rejects the release').executeTakeFirstOrThrow();
    await expect.poll(async () => (await risk()).ownerId).toBe(await userId('sponsor'));

    await page.getByRole('table', { name: 'Risks' }).getByRole('button', { name: 'App store review rejects the release' }).click();
    const drawer = page.getByRole('dialog', { name: /App store review rejects the release/ });
    await choose(drawer.getByRole('combobox', { name: 'Owner', exact: true }), 'ada', e2e.fixture.users.admin.name);
    await drawer.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await risk()).ownerId).toBe(await userId('admin'));
    await drawer.getByRole('textbox', { name: 'New action' }).fill('Pre-submit to the store review team');
    await choose(drawer.getByRole('combobox', { name: 'Action owner' }), 'vic', e2e.fixture.users.viewer.name);
    await drawer.getByRole('button', { name: 'Add' }).click();
    await drawer.getByText(e2e.fixture.users.viewer.name).waitFor();
    const action = await db.selectFrom('raidAction').selectAll().where('title', '=', 'Pre-submit to the store review team').executeTakeFirstOrThrow();
    expect(action.ownerId).toBe(await userId('viewer'));
    await page.keyboard.press('Escape');

    await page.locator('label', { hasText: /^Issues$/ }).click();
    await page.getByRole('button', { name: 'Raise issue' }).click();
    const raise = page.getByRole('dialog', { name: 'Raise an issue' });
    await raise.getByRole('textbox', { name: 'Title' }).fill('Release build fails signing');
    await choose(raise.getByRole('combobox', { name: 'Owner' }), 'pat', e2e.fixture.users.pm.name);
    await raise.getByRole('button', { name: 'Raise issue' }).click();
    await raise.waitFor({ state: 'detached' });
    const issue = () => db.selectFrom('raidIssue').selectAll().where('title', '=', 'Release build fails signing').executeTakeFirstOrThrow();
    await expect.poll(async () => (await issue()).ownerId).toBe(await userId('pm'));
    // Handed over in place, from the register.
    const ref = `I-${(await issue()).number}`;
    await choose(page.getByRole('table', { name: 'Issues' }).getByRole('combobox', { name: `Owner of ${ref}` }), 'sam', e2e.fixture.users.sponsor.name);
    await expect.poll(async () => (await issue()).ownerId).toBe(await userId('sponsor'));
  });

  it('shows a viewer the register without the means to change it', async () => {
    const { page } = await e2e.open('viewer');
    await page.goto(`/projects/${id('CX-001')}/raid`);
    await page.getByRole('table', { name: 'Risks' }).locator('tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: 'Raise risk' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: /Probability of R-/ }).count()).toBe(0);
  });
});
