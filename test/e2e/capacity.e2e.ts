import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, startE2e, type E2e } from './support.js';

describe.skipIf(!hasChromium)('capacity: project demand and the portfolio heat map', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('a project estimates its hours per role; the portfolio sees the month it overruns the role and who causes it', async () => {
    const { page } = await e2e.open('admin');
    const org = e2e.fixture.organisationId;
    const { csrfToken } = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const role = await page.request.post(`/api/v1/organisations/${org}/roles`, { data: { code: 'DEV', name: 'Developers', fteSteps: [{ from: '2027-01', fte: 2 }] }, headers });
    expect(role.status()).toBe(201);
    const dev = (await role.json()) as { id: string };
    // Another project of the portfolio already asks for 200 hours in February.
    expect((await page.request.put(`/api/v1/projects/${e2e.fixture.projects['DIG-010']}/demand/${dev.id}`, { data: { version: 0, hours: { '2027-02': 200 } }, headers })).status()).toBe(200);

    await page.goto(`/projects/${e2e.fixture.projects['CX-001']}`);
    await page.getByRole('tab', { name: 'Demand' }).click();
    await page.waitForURL(/\/demand$/);
    await page.getByRole('textbox', { name: 'Developers hours in 2027-02' }).fill('150');
    await page.getByRole('textbox', { name: 'Developers hours in 2027-03' }).fill('80');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Save' }).waitFor({ state: 'detached' });
    await page.getByText('230 h').waitFor();
    const saved = (await (await page.request.get(`/api/v1/projects/${e2e.fixture.projects['CX-001']}/demand`)).json()) as { sheets: { hours: Record<string, number> }[] };
    expect(saved.sheets[0]!.hours).toEqual({ '2027-02': 150, '2027-03': 80 });
    await e2e.screenshot(page, 'project-demand-laptop');

    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}/capacity?from=2027-01&months=6`);
    // February 2027: 2 FTE ≈ 258 h (20 weekdays) against 350 h asked.
    const alert = page.getByRole('alert').filter({ hasText: 'over capacity' });
    await alert.getByRole('button', { name: 'Developers, Feb 2027' }).click();
    const detail = page.getByRole('region', { name: 'Developers, Feb 2027' });
    await detail.getByText(/Over by \d+ h/).waitFor();
    await detail.getByRole('link', { name: 'CX-001 New web shop' }).waitFor();
    await detail.getByRole('link', { name: 'DIG-010 Data platform' }).waitFor();
    await page.getByRole('button', { name: /Developers, Mar 2027: \d+% of .*fits/ }).waitFor();
    expect(page.url()).toMatch(/cell=.*%402027-02|cell=.*@2027-02/);
    await e2e.screenshot(page, 'portfolio-capacity-laptop');
  });

  it('a viewer reads the heat map and the demand but cannot change it', async () => {
    const { page } = await e2e.open('viewer', 'phone');
    await page.goto(`/projects/${e2e.fixture.projects['CX-001']}/demand`);
    await page.getByRole('table', { name: 'Hours by role and month' }).waitFor();
    expect(await page.getByRole('textbox', { name: /hours in/ }).count()).toBe(0);
    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}/capacity?from=2027-01&months=6`);
    await page.getByRole('table', { name: 'Demand against capacity by role and month' }).waitFor();
    await e2e.screenshot(page, 'portfolio-capacity-phone');
  });
});
