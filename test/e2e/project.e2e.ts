import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ProjectId } from '../../src/domain/ids.js';
import { getProject, updateProject } from '../../src/services/projects.js';
import { XSS_NAME } from './fixture.js';
import { hasChromium, pageWidth, startE2e, type E2e } from './support.js';

const field = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

describe.skipIf(!hasChromium)('project page', () => {
  let e2e: E2e;
  let id: (code: string) => string;
  const current = (code: string) => getProject(e2e.system, id(code) as ProjectId);
  beforeAll(async () => {
    e2e = await startE2e();
    id = (code) => e2e.fixture.projects[code] as string;
  });
  afterAll(() => e2e?.close());

  it('edits a field in place, saves it, and shows the change in History', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${id('CX-001')}`);
    await page.getByRole('heading', { level: 1, name: 'New web shop' }).waitFor();
    await field(page, 'Name').fill('New web shop (phase 1)');
    await page.getByRole('region', { name: 'Unsaved changes' }).getByText('Unsaved: Name').waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Saved at \d\d:\d\d/).waitFor();
    await page.getByRole('heading', { level: 1, name: 'New web shop (phase 1)' }).waitFor();
    expect((await current('CX-001')).name).toBe('New web shop (phase 1)');

    await page.getByRole('tab', { name: 'History' }).click();
    await page.waitForURL(/\/history$/);
    const latest = page.getByRole('table', { name: /Changes made/ }).first();
    await latest.waitFor();
    expect(await latest.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['Name', 'New web shop → New web shop (phase 1)']);
    await page.getByText('Ada Admin changed name').waitFor();
  });

  it('checks dates as you type and saves nothing while they are wrong', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${id('CX-002')}`);
    const before = await current('CX-002');
    await field(page, 'Planned finish').fill('2027-02-30');
    await page.getByText('February 2027 has 28 days').waitFor();
    expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    await field(page, 'Planned finish').press('Enter');

    await field(page, 'Planned finish').fill('2027-02-01');
    await page.getByText('Must not be before the planned start').waitFor();
    expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);

    await field(page, 'Planned finish').fill('2027-12-24');
    await page.getByText('24 Dec 2027').waitFor();
    expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Discard' }).click();
    expect(await field(page, 'Planned finish').inputValue()).toBe('2027-11-30');
    expect((await current('CX-002')).version).toBe(before.version);
  });

  it('puts server field errors on the field they name (422, duplicate code)', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${id('DIG-012')}`);
    await field(page, 'Code').fill('CX-001');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Is already used by another project').waitFor();
    expect(await field(page, 'Code').getAttribute('aria-invalid')).toBe('true');
    expect((await current('DIG-012')).code).toBe('DIG-012');

    // A rule only the server checks (the largest budget it stores) comes back as 422 on its field.
    await field(page, 'Code').fill('DIG-012');
    await field(page, 'Budget (GBP)').fill('100000000000000');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/must be at most 90 trillion/i).waitFor();
    expect(await field(page, 'Budget (GBP)').getAttribute('aria-invalid')).toBe('true');
    expect((await current('DIG-012')).budget).toBe(30_000_000);
  });

  it('shows the unaligned-project refusal next to the stage, then saves once the project is aligned', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${id('DIG-010')}`);
    await page.getByRole('combobox', { name: 'Stage' }).click();
    await page.getByRole('option', { name: 'Initiation' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/cannot leave the proposal stage until it is aligned/).waitFor();
    expect(await page.getByRole('combobox', { name: 'Stage' }).getAttribute('aria-invalid')).toBe('true');
    expect((await current('DIG-010')).stage).toBe('proposal');

    // The error links to the Strategy tab: align it there.
    await page.getByRole('link', { name: 'Link it to an objective' }).click();
    await page.waitForURL(/\/strategy$/);
    await page.getByText('Not aligned to strategy yet').waitFor();
    await page.getByRole('combobox', { name: 'Objective' }).click();
    await page.getByRole('option', { name: /OBJ-2 Run leaner operations/ }).click();
    await page.getByRole('textbox', { name: 'Weight' }).fill('80');
    await page.getByRole('button', { name: 'Add' }).click();
    const table = page.getByRole('table', { name: 'Objectives this project serves' });
    await table.getByRole('link', { name: 'Run leaner operations' }).waitFor();
    await page.getByText('Aligned', { exact: true }).first().waitFor();

    // Change its weight in place, then remove it again.
    const weight = table.getByRole('textbox', { name: /Weight of the contribution/ });
    expect(await weight.inputValue()).toBe('80%');
    await weight.fill('60');
    await weight.press('Enter');
    await expect.poll(async () => (await e2e.system.db.selectFrom('contribution').select('weight').where('projectId', '=', id('DIG-010') as ProjectId).executeTakeFirst())?.weight).toBe(60);

    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('combobox', { name: 'Stage' }).click();
    await page.getByRole('option', { name: 'Initiation' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Saved at/).waitFor();
    expect((await current('DIG-010')).stage).toBe('initiation');

    await page.getByRole('tab', { name: 'Strategy' }).click();
    await table.getByRole('button', { name: 'Remove the contribution to Run leaner operations' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByText('Not aligned to strategy yet').waitFor();
  });

  it('shows a version conflict with what changed, and reapplies the edit on the latest version', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${id('OPS-001')}`);
    await page.getByRole('heading', { level: 1, name: 'Warehouse automation' }).waitFor();
    await page.getByRole('textbox', { name: 'Description' }).fill('Robots pick and pack.');
    // Meanwhile someone else renames it.
    const v = (await current('OPS-001')).version;
    await updateProject(e2e.system, id('OPS-001') as ProjectId, { version: v, name: 'Warehouse robotics' });

    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this project' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Name: Warehouse automation → Warehouse robotics');
    expect(await conflict.textContent()).toContain('Your edits (Description)');
    await conflict.getByRole('button', { name: 'Reapply my changes on the latest version' }).click();
    await page.getByText(/Saved at/).waitFor();
    const saved = await current('OPS-001');
    expect(saved).toMatchObject({ name: 'Warehouse robotics', description: 'Robots pick and pack.', version: v + 2 });
    await page.getByRole('heading', { level: 1, name: 'Warehouse robotics' }).waitFor();
  });

  it('a viewer sees the fields read-only, and no history', async () => {
    const { page } = await e2e.open('viewer');
    await page.goto(`/projects/${id('CX-002')}`);
    await page.getByText('You can read this project; your roles here do not include changing it.').waitFor();
    for (const label of ['Name', 'Code', 'Planned start', 'Planned finish', 'Description']) {
      expect(await page.getByRole('textbox', { name: label, exact: true }).getAttribute('readonly'), label).not.toBeNull();
    }
    await page.getByRole('combobox', { name: 'Stage' }).click();
    expect(await page.getByRole('option', { name: 'Delivery' }).count()).toBe(0);
    await field(page, 'Name').press('x');
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Strategy' }).click();
    await page.getByRole('table', { name: 'Objectives this project serves' }).waitFor();
    expect(await page.getByRole('button', { name: /Remove the contribution/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByText('Your roles here do not include reading the audit trail').waitFor();
  });

  it('a sponsor may move the stage but not edit the other fields', async () => {
    const { page } = await e2e.open('sponsor');
    await page.goto(`/projects/${id('CX-002')}`);
    await page.getByText('Your role here lets you move the project between stages').waitFor();
    expect(await field(page, 'Name').getAttribute('readonly')).not.toBeNull();
    await page.getByRole('combobox', { name: 'State' }).click();
    expect(await page.getByRole('option', { name: 'Cancelled' }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Stage' }).click();
    await page.getByRole('option', { name: 'Delivery' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Saved at/).waitFor();
    expect((await current('CX-002')).stage).toBe('delivery');
  });

  it('renders a name made of HTML as text', async () => {
    const { page, dialogs } = await e2e.open('admin');
    await page.goto(`/projects/${id('DIG-011')}`);
    await page.getByRole('heading', { level: 1, name: XSS_NAME }).waitFor();
    expect(await field(page, 'Name').inputValue()).toBe(XSS_NAME);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}`);
    await page.getByRole('link', { name: XSS_NAME }).first().waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('is usable on a phone: open a project from the drawer, edit, save', async () => {
    const { page } = await e2e.open('admin', 'phone');
    await page.goto('/');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('tree').getByRole('link', { name: 'Digital Services' }).click();
    await page.getByRole('heading', { level: 1, name: 'Digital Services' }).waitFor();
    await page.getByRole('list', { name: 'Projects' }).getByRole('link', { name: 'Legacy CRM retirement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Legacy CRM retirement' }).waitFor();
    await page.getByRole('combobox', { name: 'State' }).click();
    await page.getByRole('option', { name: 'Active' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Saved at/).waitFor();
    expect((await current('DIG-012')).state).toBe('active');
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  });
});
