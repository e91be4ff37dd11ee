import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, hasChromium, pageWidth, startE2e, VIEWPORTS, type E2e } from './support.js';

/** Fills a Mantine NumberInput or TextInput in `scope` by its label. */
async function fill(scope: Locator | Page, label: string, value: string): Promise<void> {
  await scope.getByRole('textbox', { name: label, exact: true }).fill(value);
}

async function chooseRole(dialog: Locator, page: Page, option: string): Promise<void> {
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: option }).click();
}

describe.skipIf(!hasChromium)('the Resources page', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('a resource manager adds roles with FTE over time and the people in them, and is told why a bad FTE or a role in use is refused', async () => {
    const { page, dialogs } = await e2e.open('admin');
    await page.clock.setFixedTime(new Date(FIXED_NOW));
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Resources' }).click();
    await page.getByText('No roles yet').waitFor();

    // A role whose unnamed capacity grows from 2 to 3 FTE in July.
    await page.getByRole('button', { name: 'Add a role', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'Add a role' });
    await fill(dialog, 'Code', 'DEV');
    await fill(dialog, 'Name', 'Developer');
    await dialog.getByRole('button', { name: 'Add a step' }).click();
    await dialog.getByRole('button', { name: 'Add a step' }).click();
    await fill(dialog.getByRole('group', { name: 'Step 1' }), 'From month', '2026-01');
    await fill(dialog.getByRole('group', { name: 'Step 1' }), 'FTE', '2');
    await fill(dialog.getByRole('group', { name: 'Step 2' }), 'From month', '2026-07');
    await fill(dialog.getByRole('group', { name: 'Step 2' }), 'FTE', '3');
    await dialog.getByRole('button', { name: 'Add role' }).click();
    await dialog.waitFor({ state: 'detached' });
    const roles = page.getByRole('table', { name: 'Roles' });
    const dev = roles.getByRole('row').filter({ hasText: 'DEV' });
    await dev.getByText('3 FTE from Jul 2026').waitFor();
    expect(await dev.innerText()).toMatch(/140 h\s+2\s+3 FTE from Jul 2026/);

    // The same code again: the server's reason lands on the Code field.
    await page.getByRole('button', { name: 'Add role', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Add a role' });
    await fill(dialog, 'Code', 'DEV');
    await fill(dialog, 'Name', 'Business analyst');
    await dialog.getByRole('button', { name: 'Add role' }).click();
    await dialog.getByText('Is already used by another role').waitFor();
    await fill(dialog, 'Code', 'BA');
    await dialog.getByRole('button', { name: 'Add role' }).click();
    await dialog.waitFor({ state: 'detached' });
    await roles.getByRole('row').filter({ hasText: 'Business analyst' }).waitFor();

    // A full-time developer, and a part-time one with a week's holiday.
    await page.getByRole('button', { name: 'Add person', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Add a person' });
    await fill(dialog, 'Name', 'Grace Hopper');
    await chooseRole(dialog, page, 'DEV · Developer');
    await fill(dialog, 'First month', '2026-01');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Add person', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Add a person' });
    await fill(dialog, 'Name', 'Alan Turing');
    await chooseRole(dialog, page, 'DEV · Developer');
    await fill(dialog, 'FTE', '0.6');
    await fill(dialog, 'Non-project work', '10');
    await dialog.getByRole('button', { name: 'Add an absence' }).click();
    const absence = dialog.getByRole('group', { name: 'Absence 1' });
    await fill(absence, 'From', '2026-04-06');
    await fill(absence, 'To', '2026-04-03');
    await absence.getByText('Must not end before it starts').waitFor();
    await fill(absence, 'To', '2026-04-10');
    await fill(absence, 'Note', 'Holiday');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await dialog.waitFor({ state: 'detached' });

    const people = page.getByRole('table', { name: 'People' });
    const alan = people.getByRole('row').filter({ hasText: 'Alan Turing' });
    await alan.waitFor();
    expect(await alan.innerText()).toMatch(/0\.6\s+10%\s+Open-ended\s+1 · next 6 Apr 2026 – 10 Apr 2026 \(Holiday\)/);
    await dev.getByText('2 · 1.6 FTE now').waitFor();

    // Edit: an FTE above 1.5 is refused as it is typed, with the reason; then a valid change saves.
    await page.getByRole('button', { name: 'Edit Grace Hopper' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit Grace Hopper' });
    await fill(dialog, 'FTE', '2');
    await dialog.getByText('Must be at most 1.5').waitFor();
    await dialog.getByRole('button', { name: 'Save person' }).click();
    expect(await dialog.isVisible()).toBe(true);
    await fill(dialog, 'FTE', '0.8');
    await fill(dialog, 'Last month', '2025-12');
    await dialog.getByText('Must not be before the first month (Jan 2026)').waitFor();
    await fill(dialog, 'Last month', '2026-12');
    await dialog.getByRole('button', { name: 'Save person' }).click();
    await dialog.waitFor({ state: 'detached' });
    const grace = people.getByRole('row').filter({ hasText: 'Grace Hopper' });
    await grace.getByText('Jan 2026 – Dec 2026').waitFor();
    expect(await grace.innerText()).toMatch(/0\.8\s+0%/);

    // Someone else saves Alan while this person edits him: told so, the form reloads, the edit can be reapplied.
    await page.getByRole('button', { name: 'Edit Alan Turing' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit Alan Turing' });
    await fill(dialog, 'Non-project work', '20');
    const { csrfToken } = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const list = (await (await page.request.get(`/api/v1/organisations/${e2e.fixture.organisationId}/people`)).json()) as { items: { id: string; name: string; version: number }[] };
    const alanRecord = list.items.find((p) => p.name === 'Alan Turing')!;
    const patched = await page.request.patch(`/api/v1/people/${alanRecord.id}`, { data: { version: alanRecord.version, fte: 0.5 }, headers: { 'x-csrf-token': csrfToken } });
    expect(patched.status()).toBe(200);
    await dialog.getByRole('button', { name: 'Save person' }).click();
    await dialog.getByText('Someone else changed this person while you were editing').waitFor();
    await dialog.getByText(/their version \(2\), which changed FTE/).waitFor();
    expect(await dialog.getByRole('textbox', { name: 'FTE', exact: true }).inputValue()).toBe('0.5');
    expect(await dialog.getByRole('textbox', { name: 'Non-project work' }).inputValue()).toBe('10%');
    await dialog.getByRole('button', { name: 'Reapply my edits' }).click();
    await fill(dialog, 'FTE', '0.5');
    await dialog.getByRole('button', { name: 'Save person' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => alan.innerText()).toMatch(/0\.5\s+20%/);

    // The people list filtered by role, in the URL.
    await page.getByRole('combobox', { name: 'Filter people by role' }).click();
    await page.getByRole('option', { name: 'BA · Business analyst' }).click();
    await people.getByText('Nobody is in BA yet.').waitFor();
    expect(new URL(page.url()).searchParams.get('role')).toBe('BA');
    await page.goto('/resources?role=DEV');
    await alan.waitFor();
    expect(await people.getByRole('row').count()).toBe(3);
    await people.getByRole('button', { name: /^FTE/ }).click();
    await people.getByRole('button', { name: /^FTE/ }).click();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-fte');
    await expect.poll(() => people.getByRole('row').nth(1).innerText()).toContain('Grace Hopper');
    await page.goto('/resources');

    // A role in use cannot go, and the refusal says who holds it; an unused one can.
    await page.getByRole('button', { name: 'Delete role DEV' }).click();
    dialog = page.getByRole('dialog', { name: 'Delete role DEV?' });
    await dialog.getByRole('button', { name: 'Delete role' }).click();
    await dialog.getByText('role DEV still has 2 people (Alan Turing, Grace Hopper); move or remove them first').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Delete role BA' }).click();
    await page.getByRole('dialog', { name: 'Delete role BA?' }).getByRole('button', { name: 'Delete role' }).click();
    await roles.getByRole('row').filter({ hasText: 'Business analyst' }).waitFor({ state: 'detached' });

    await e2e.screenshot(page, 'resources-laptop');
    await page.getByRole('button', { name: 'Edit role DEV' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit role DEV' });
    expect(await dialog.getByRole('group', { name: 'Step 2' }).getByRole('textbox', { name: 'From month' }).inputValue()).toBe('2026-07');
    await e2e.screenshot(page, 'resources-role-laptop', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Edit Alan Turing' }).click();
    await page.getByRole('dialog', { name: 'Edit Alan Turing' }).waitFor();
    await e2e.screenshot(page, 'resources-person-laptop', { fullPage: false });
    expect(dialogs).toEqual([]);
  });

  it('everyone else in the organisation reads roles and people without edit controls', async () => {
    const { page } = await e2e.open('viewer');
    await page.clock.setFixedTime(new Date(FIXED_NOW));
    await page.goto('/resources');
    await page.getByRole('table', { name: 'People' }).getByRole('row').filter({ hasText: 'Alan Turing' }).waitFor();
    await page.getByRole('table', { name: 'Roles' }).getByRole('row').filter({ hasText: 'DEV' }).waitFor();
    for (const name of [/^Add /, /^Edit /, /^Delete /]) expect(await page.getByRole('button', { name }).count()).toBe(0);
    await page.keyboard.press('n');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('on a phone the page reads without sideways scrolling and the forms fill the screen', async () => {
    const { page } = await e2e.open('admin', 'phone');
    await page.clock.setFixedTime(new Date(FIXED_NOW));
    await page.goto('/resources');
    await page.getByRole('table', { name: 'People' }).getByRole('row').filter({ hasText: 'Alan Turing' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await e2e.screenshot(page, 'resources-phone');
    await page.getByRole('button', { name: 'Edit Alan Turing' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Alan Turing' });
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box?.width).toBe(VIEWPORTS.phone.width);
    await e2e.screenshot(page, 'resources-person-phone', { fullPage: false });
  });
});
