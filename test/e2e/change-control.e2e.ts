import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, startE2e, type E2e } from './support.js';

describe.skipIf(!hasChromium)('change control', () => {
  let e2e: E2e;
  let project: string;
  beforeAll(async () => {
    e2e = await startE2e();
    project = e2e.fixture.projects['CX-002'] as string;
  });
  afterAll(() => e2e?.close());

  /** Takes a workflow step from the open drawer, with a note when given. */
  const take = async (page: Page, button: string, note?: string) => {
    const drawer = page.getByRole('dialog', { name: /^CR-\d+/ });
    await drawer.getByRole('button', { name: button, exact: true }).click();
    const confirm = page.getByRole('dialog', { name: new RegExp(`^${button}: CR-`) });
    if (note) await confirm.getByRole('textbox').fill(note);
    await confirm.getByRole('button', { name: button, exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
  };

  it('the project manager raises, submits and assesses a change; the board sees it waiting and approves it, moving the budget', async () => {
    const { page } = await e2e.open('pm');
    await page.goto(`/projects/${project}/changes`);
    await page.getByText('No change requests').waitFor();
    await page.getByRole('button', { name: 'Raise change request' }).click();
    const form = page.getByRole('dialog', { name: 'Raise a change request' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Add offline mode');
    await form.getByRole('textbox', { name: 'What should change' }).fill('Cache the catalogue on the phone');
    await form.getByRole('textbox', { name: 'Why' }).fill('Stores have poor signal');
    await form.getByRole('textbox', { name: 'Cost impact' }).fill('30000');
    await form.getByRole('textbox', { name: 'Finish moves by' }).fill('4');
    await form.getByRole('button', { name: 'Save draft' }).click();

    const drawer = page.getByRole('dialog', { name: 'CR-1 Add offline mode' });
    await drawer.getByText('A draft: nobody has seen it yet.').waitFor();
    await take(page, 'Submit');
    await drawer.getByText('Submitted', { exact: true }).first().waitFor();

    // Assessment needs every impact written down: the refusal names the fields.
    await drawer.getByRole('button', { name: 'Assessed: send to the board' }).click();
    const confirm = page.getByRole('dialog', { name: /^Assessed: send to the board: CR-1/ });
    await confirm.getByRole('button', { name: 'Assessed: send to the board' }).click();
    await confirm.getByText(/^Scope: Must be written to assess it/).waitFor();
    await confirm.getByText(/^Benefits: Must be written/).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await drawer.getByRole('textbox', { name: 'Scope' }).fill('Adds an offline catalogue');
    await drawer.getByRole('textbox', { name: 'Benefits' }).fill('Sales in low-signal stores');
    await drawer.getByRole('textbox', { name: 'Risk' }).fill('none');
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await drawer.getByRole('button', { name: 'Save changes' }).waitFor({ state: 'detached' });
    await take(page, 'Assessed: send to the board');
    await drawer.getByText('Decided by the programme board').waitFor();
    await drawer.getByText('cost is 6.3% of the budget, above the project board’s 2%').first().waitFor();
    // The project manager cannot decide it.
    expect(await drawer.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);

    const board = await e2e.open('sponsor');
    await board.page.goto(`/programmes/${e2e.fixture.programmes.cx}`);
    const section = board.page.getByRole('region', { name: 'Change requests' });
    await section.getByRole('switch', { name: 'Waiting for the programme board' }).check();
    const row = section.getByRole('table', { name: 'Change requests' }).locator('tbody tr', { hasText: 'Add offline mode' });
    await row.getByText('yours to decide').waitFor();
    await row.getByText('CX-002 Mobile app refresh').waitFor();
    await row.getByRole('button', { name: 'Add offline mode' }).click();
    await take(board.page, 'Approve', 'Worth it for the stores');
    const approved = board.page.getByRole('dialog', { name: 'CR-1 Add offline mode' });
    await approved.getByText('What approval did').waitFor();
    await approved.getByText('Budget: £480,000 → £510,000 (+£30,000)').waitFor();
    await approved.getByText('Worth it for the stores').waitFor();
    await e2e.screenshot(board.page, 'change-request-approved-laptop');

    await page.goto(`/projects/${project}/changes`);
    await page.getByRole('table', { name: 'Change requests' }).locator('tbody tr', { hasText: 'Add offline mode' }).getByText('approved').waitFor();
    await e2e.screenshot(page, 'project-changes-laptop');
    const saved = await page.request.get(`/api/v1/projects/${project}`);
    expect(((await saved.json()) as { budget: number }).budget).toBe(51_000_000);
  });

  it('a rejection must say why, and a rejected request offers no further step', async () => {
    const { page } = await e2e.open('pm');
    await page.goto(`/projects/${project}/changes`);
    await page.getByRole('button', { name: 'Raise change request' }).click();
    const form = page.getByRole('dialog', { name: 'Raise a change request' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Dark mode');
    await form.getByRole('textbox', { name: 'What should change' }).fill('A dark theme');
    await form.getByRole('textbox', { name: 'Why' }).fill('Asked for by users');
    await form.getByRole('button', { name: 'Save draft' }).click();
    const drawer = page.getByRole('dialog', { name: 'CR-2 Dark mode' });
    await take(page, 'Submit');
    for (const field of ['Scope', 'Benefits', 'Risk']) await drawer.getByRole('textbox', { name: field }).fill('none');
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await drawer.getByRole('button', { name: 'Save changes' }).waitFor({ state: 'detached' });
    await take(page, 'Assessed: send to the board');
    await drawer.getByText('Decided by the project board').waitFor();

    const board = await e2e.open('sponsor');
    await board.page.goto(`/projects/${project}/changes`);
    await board.page.getByRole('button', { name: 'Dark mode' }).click();
    const sponsorDrawer = board.page.getByRole('dialog', { name: 'CR-2 Dark mode' });
    await sponsorDrawer.getByRole('button', { name: 'Reject', exact: true }).click();
    const confirm = board.page.getByRole('dialog', { name: /^Reject: CR-2/ });
    await confirm.getByRole('button', { name: 'Reject', exact: true }).click();
    await confirm.getByText('Must say why the request is rejected').waitFor();
    await confirm.getByRole('textbox').fill('Not this year');
    await confirm.getByRole('button', { name: 'Reject', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await sponsorDrawer.getByText('Not this year').waitFor();
    expect(await sponsorDrawer.getByRole('button', { name: /^(Approve|Reject|Defer)$/ }).count()).toBe(0);
  });
});
