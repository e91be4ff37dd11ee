import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskCreate } from '../../src/api/schemas/raid.schema.js';
import { LinkCreate, TaskCreate } from '../../src/api/schemas/schedule.schema.js';
import type { ProjectId } from '../../src/domain/ids.js';
import { createRisk } from '../../src/services/raid-risks.js';
import { createLink, createTask } from '../../src/services/schedule-edits.js';
import { cssOf, FIXED_NOW, hasChromium, startE2e, type E2e } from './support.js';

describe.skipIf(!hasChromium)('risk simulation', () => {
  let e2e: E2e;
  let projectId: ProjectId;
  beforeAll(async () => {
    e2e = await startE2e();
    projectId = e2e.fixture.projects['OPS-001'] as ProjectId;
    // A plan of five tasks (a chain with a branch) and one quantified risk on the build.
    const sys = e2e.system;
    const task = async (name: string, days: number, fixedCost: number) => (await createTask(sys, projectId, TaskCreate.parse({ name, durationMinutes: days * 480, fixedCost }))).record.id;
    const design = await task('Design the layout', 10, 4_000_000);
    const build = await task('Build the racking', 20, 12_000_000);
    const install = await task('Install the conveyors', 15, 9_000_000);
    const train = await task('Train the staff', 8, 1_500_000);
    const commission = await task('Commission the system', 5, 2_000_000);
    for (const [p, s] of [[design, build], [build, install], [install, commission], [design, train], [train, commission]] as const) await createLink(sys, projectId, LinkCreate.parse({ predecessorId: p, successorId: s }));
    await createRisk(sys, RiskCreate.parse({ scopeType: 'project', scopeId: projectId, title: 'Steel delivery slips', probability: 3, impact: 4, quantification: { probability: 0.35, schedule: [{ taskId: build, min: 3, mode: 6, max: 15 }], cost: { min: 500_000, mode: 1_000_000, max: 3_000_000 } } }));
  });
  afterAll(() => e2e?.close());

  it('starts a run from the Simulation tab, shows its progress, then the charts, percentiles, tornado and criticality', async () => {
    const { page, dialogs } = await e2e.open('admin');
    await page.goto(`/projects/${projectId}/simulation`);
    await page.getByText('No simulation yet').waitFor();
    const form = page.getByRole('form', { name: 'Start a simulation' });
    await form.getByRole('textbox', { name: 'Iterations' }).fill('100000');
    await form.getByRole('textbox', { name: 'Seed' }).fill('42');
    await form.getByRole('textbox', { name: 'Target finish' }).fill('2027-04-09');
    await form.getByRole('button', { name: 'Run simulation' }).click();

    // The bar is there from the moment the run is queued (at 0% its filled part has no width yet).
    await page.getByRole('progressbar', { name: 'Simulation progress' }).waitFor({ state: 'attached' });
    await page.getByRole('heading', { name: /^Results: 100,000 iterations from 1 Feb 2027/ }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('progressbar', { name: 'Simulation progress' }).count()).toBe(0);
    await page.getByRole('img', { name: /^Histogram of the simulated finish dates/ }).waitFor();
    await page.getByRole('img', { name: /^S-curve: / }).waitFor();
    await page.getByRole('img', { name: /^Histogram of the simulated cost/ }).waitFor();
    await page.getByRole('img', { name: 'Tornado: the strongest driver of the finish is R-1 Steel delivery slips' }).waitFor();
    // ECharts drew the bars as SVG.
    expect(await page.getByRole('img', { name: /^Histogram of the simulated finish dates/ }).locator('svg path').count()).toBeGreaterThan(10);

    const percentiles = page.getByRole('table', { name: 'Percentiles of the finish and the cost' });
    // The plan: 10 + 20 + 15 + 5 = 50 working days from Monday 1 Feb 2027 ends Friday 9 April 2027.
    await expect.poll(() => percentiles.locator('tr', { hasText: 'Plan (most likely, no risk)' }).innerText()).toMatch(/9 Apr 2027\s+50\.0\s+£285,000/);
    for (const p of ['P10', 'P50', 'P80', 'P90']) expect(await percentiles.getByRole('rowheader', { name: p }).count()).toBe(1);
    await page.getByText('Finish by the target date').waitFor();

    const criticality = page.getByRole('table', { name: 'Criticality index per task, most critical first' });
    const first = criticality.locator('tbody tr').first();
    await expect.poll(() => first.innerText()).toMatch(/Design the layout\s+100\.0%/);
    expect(await criticality.locator('tbody tr', { hasText: 'Train the staff' }).innerText()).toMatch(/0\.0%/);
    await page.getByText(/^(Converged: enough iterations ran|Not yet converged: run more iterations)$/).waitFor();

    const runs = page.getByRole('table', { name: "The project's simulation runs, newest first" });
    await expect.poll(() => runs.locator('tbody tr').first().innerText()).toMatch(/Ada Admin\s+Done\s+100,000\s+42\s+triangular 90\/100\/130%\s+9 Apr 2027\s+P80\s+5 tasks, 1 risk/);
    expect(page.url()).toMatch(/\?run=[0-9a-f-]{36}$/);
    await e2e.screenshot(page, 'project-simulation-laptop');
    expect(dialogs).toEqual([]);
  });

  it("shades the Gantt's bars by each task's criticality in the latest run, with a column of it, from one request; a task added since has none", async () => {
    const { page } = await e2e.open('admin');
    await page.clock.setFixedTime(new Date(FIXED_NOW));
    const runRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/v1\/simulations\//.test(r.url())) runRequests.push(r.url());
    });
    await page.goto(`/projects/${projectId}/schedule`);
    const gantt = page.getByRole('grid', { name: 'Gantt chart' });
    await gantt.waitFor();
    const cell = (task: string) => page.locator(`[data-task="${task}"] [data-cell$=":criticality"]`);
    // Off at first: no column, and the run's result is not fetched.
    expect(await gantt.getByRole('columnheader', { name: 'Criticality' }).count()).toBe(0);
    expect(runRequests).toEqual([]);

    // The switch writes the URL (a shared link shows the same shading), so it turns on once the address has changed.
    await page.getByRole('switch', { name: 'Criticality (from run of 2 Mar 2026)' }).click();
    await gantt.getByRole('columnheader', { name: 'Criticality' }).waitFor();
    expect(page.url()).toMatch(/criticality=on/);
    // The build-install branch (35 days) always drives the finish; training (8 days) never does.
    for (const task of ['Design the layout', 'Build the racking', 'Install the conveyors', 'Commission the system']) await expect.poll(() => cell(task).innerText(), { message: task }).toBe('100%');
    expect(await cell('Train the staff').innerText()).toBe('0%');
    const bar = (task: string) => page.locator(`[data-bar="${task}"]`);
    expect(await bar('Train the staff').getAttribute('aria-label')).toMatch(/critical in 0% of the iterations of the run of 2 Mar 2026$/);
    expect(await bar('Build the racking').getAttribute('aria-label')).toMatch(/critical in 100% of the iterations of the run of 2 Mar 2026$/);
    // Shaded by the index: an always-critical bar and a never-critical one differ in colour.
    expect(await cssOf(bar('Build the racking'), 'background-color')).not.toBe(await cssOf(bar('Train the staff'), 'background-color'));
    await page.getByText('Train the staff · 0% critical').waitFor();
    // One request for the whole plan, not one per row.
    expect(runRequests).toHaveLength(1);
    expect(await page.getByText('The plan has changed since that run').count()).toBe(0);
    await e2e.screenshot(page, 'project-schedule-criticality-laptop', { fullPage: false });

    // A task added after the run has no index, and the toolbar says the plan moved on.
    await createTask(e2e.system, projectId, TaskCreate.parse({ name: 'Snag list', durationMinutes: 2 * 480 }));
    // The reload keeps the shading on: it is in the URL.
    await page.reload();
    await gantt.getByRole('columnheader', { name: 'Criticality' }).waitFor();
    await page.getByText('The plan has changed since that run').waitFor();
    await expect.poll(() => cell('Snag list').innerText()).toBe('—');
    expect(await cell('Train the staff').innerText()).toBe('0%');

    await page.getByRole('switch', { name: /^Criticality/ }).click();
    await gantt.getByRole('columnheader', { name: 'Criticality' }).waitFor({ state: 'detached' });
    expect(await cell('Train the staff').count()).toBe(0);
  });

  it('offers no criticality on the Gantt of a project without a finished run', async () => {
    const { page } = await e2e.open('admin');
    const other = e2e.fixture.projects['DIG-010'] as ProjectId;
    await createTask(e2e.system, other as ProjectId, TaskCreate.parse({ name: 'Pick a warehouse', durationMinutes: 480 }));
    await page.goto(`/projects/${other}/schedule`);
    await page.locator('[data-bar="Pick a warehouse"]').waitFor();
    expect(await page.getByRole('switch', { name: /^Criticality/ }).count()).toBe(0);
  });

  it('refuses bad options on the field before sending them', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${projectId}/simulation`);
    const form = page.getByRole('form', { name: 'Start a simulation' });
    await form.getByRole('textbox', { name: 'Iterations' }).fill('50');
    await form.getByText('Must be at least 100').waitFor();
    await form.getByRole('textbox', { name: 'Least' }).fill('140');
    await form.getByText(/The least must not exceed the most likely/).waitFor();
  });
});
