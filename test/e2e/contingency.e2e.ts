import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { RiskCreate } from '../../src/api/schemas/raid.schema.js';
import type { ContingencyRollUp, SimulationRun } from '../../src/api/schemas/simulation.schema.js';
import { LinkCreate, TaskCreate } from '../../src/api/schemas/schedule.schema.js';
import type { ProjectId } from '../../src/domain/ids.js';
import { createRisk } from '../../src/services/raid-risks.js';
import { createLink, createTask } from '../../src/services/schedule-edits.js';
import { hasChromium, pageWidth, startE2e, VIEWPORTS, type E2e } from './support.js';

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
/** Money as the roll-up shows it: pence to whole pounds. */
const money = (pence: number) => pounds.format(Math.round(pence / 100));
const days = (x: number) => `${x.toFixed(1)} d`;

/** Starts a simulation of `projectId` through the API, as the browser would, and waits for it to finish. */
async function simulate(request: APIRequestContext, projectId: string, body: Record<string, unknown>): Promise<SimulationRun> {
  const me = (await (await request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const started = await request.post(`/api/v1/projects/${projectId}/simulations`, { data: body, headers: { 'x-csrf-token': me.csrfToken } });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = (await started.json()) as SimulationRun;
  let run: SimulationRun;
  await expect
    .poll(
      async () => {
        run = (await (await request.get(`/api/v1/simulations/${id}`)).json()) as SimulationRun;
        return run.status;
      },
      { timeout: 60_000, message: 'the run finishes' },
    )
    .toBe('done');
  return run!;
}

describe.skipIf(!hasChromium)('contingency roll-up', () => {
  let e2e: E2e;
  let projectId: ProjectId;
  beforeAll(async () => {
    e2e = await startE2e();
    projectId = e2e.fixture.projects['CX-001'] as ProjectId;
    // A chain of three costed tasks and one quantified risk on the middle one.
    const sys = e2e.system;
    const task = async (name: string, d: number, fixedCost: number) => (await createTask(sys, projectId, TaskCreate.parse({ name, durationMinutes: d * 480, fixedCost }))).record.id;
    const design = await task('Design the shop', 10, 3_000_000);
    const build = await task('Build the shop', 25, 15_000_000);
    const launch = await task('Launch', 5, 1_000_000);
    for (const [p, s] of [[design, build], [build, launch]] as const) await createLink(sys, projectId, LinkCreate.parse({ predecessorId: p, successorId: s }));
    await createRisk(sys, RiskCreate.parse({ scopeType: 'project', scopeId: projectId, title: 'Payment provider fails certification', probability: 3, impact: 4, quantification: { probability: 0.4, schedule: [{ taskId: build, min: 2, mode: 5, max: 12 }], cost: { min: 500_000, mode: 1_500_000, max: 4_000_000 } } }));
  });
  afterAll(() => e2e?.close());

  it("shows a project's latest run on its programme's and portfolio's pages, at the confidence chosen, and names the projects without one", async () => {
    const { page } = await e2e.open('admin');
    const run = await simulate(page.request, projectId, { iterations: 2000, seed: 11 });
    const rollUp = async (confidence: number) => (await (await page.request.get(`/api/v1/programmes/${e2e.fixture.programmes.cx}/contingency?confidence=${confidence}`)).json()) as ContingencyRollUp;

    await page.goto(`/programmes/${e2e.fixture.programmes.cx}`);
    const section = page.getByRole('region', { name: 'Risk contingency' });
    const table = section.getByRole('table', { name: 'Contingency at P80 per project' });
    const at80 = (await rollUp(0.8)).projects.find((p) => p.projectId === projectId)!;
    expect(at80.simulationId).toBe(run.id);
    expect(at80.costContingency).toBeGreaterThan(0);
    const row = table.locator('tbody tr', { hasText: 'New web shop' });
    // The row reads as the API's numbers: finish date at P80, schedule days, planned cost, cost contingency.
    await expect.poll(() => row.innerText()).toContain(`${days(at80.scheduleContingencyDays!)}\t${money(at80.deterministicCost!)}\t${money(at80.costContingency!)}`);
    expect(at80.deterministicCost).toBe(19_000_000);
    // CX-002 sits in the sub-programme: part of the roll-up, with no run yet.
    expect(await table.locator('tbody tr', { hasText: 'Mobile app refresh' }).innerText()).toMatch(/No run yet/);
    await section.getByText('1 of 2 projects').waitFor();
    await section.getByText('1 with no run yet, left out').waitFor();
    await section.getByText('not simulated yet, left out: CX-002').waitFor();
    await e2e.screenshot(page, 'programme-contingency-laptop');

    // The project's row leads to the run behind it.
    expect(await row.getByRole('link').getAttribute('href')).toBe(`/projects/${projectId}/simulation?run=${run.id}`);

    // A higher confidence asks for more, and the URL keeps the choice.
    await section.locator('label', { hasText: 'P90' }).click();
    const at90 = (await rollUp(0.9)).projects.find((p) => p.projectId === projectId)!;
    expect(at90.costContingency!).toBeGreaterThan(at80.costContingency!);
    const row90 = section.getByRole('table', { name: 'Contingency at P90 per project' }).locator('tbody tr', { hasText: 'New web shop' });
    await expect.poll(() => row90.innerText()).toContain(money(at90.costContingency!));
    expect(new URL(page.url()).searchParams.get('confidence')).toBe('90');
    await page.reload();
    await section.getByRole('table', { name: 'Contingency at P90 per project' }).waitFor();

    // The portfolio rolls up the same run.
    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}`);
    const portfolio = page.getByRole('region', { name: 'Risk contingency' });
    await expect.poll(() => portfolio.getByRole('table', { name: 'Contingency at P80 per project' }).locator('tbody tr', { hasText: 'New web shop' }).innerText()).toContain(money(at80.costContingency!));
    await portfolio.getByText(/^1 of \d+ projects$/).waitFor();
  });

  it('says so when no project of the portfolio has a finished run, without totals of nothing, and fits a phone', async () => {
    const { page } = await e2e.open('viewer', 'phone');
    await page.goto(`/portfolios/${e2e.fixture.portfolios.operations}`);
    const section = page.getByRole('region', { name: 'Risk contingency' });
    await section.getByText('No project here has a finished simulation yet').waitFor();
    expect(await section.getByRole('table', { name: 'Contingency at P80 per project' }).locator('tbody tr', { hasText: 'Warehouse automation' }).innerText()).toMatch(/No run yet/);
    expect(await section.getByText(/working days/).count()).toBe(0);
    // The table scrolls inside its frame; the page (with its risk register) does not scroll sideways.
    await page.getByRole('region', { name: 'Risks and issues' }).getByRole('figure', { name: 'Exposure trend' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
  });
});
