import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AssignmentCreate, LinkCreate, ResourceCreate, TaskCreate } from '../../src/api/schemas/schedule.schema.js';
import type { ProjectId, ScheduleTaskId } from '../../src/domain/ids.js';
import { STANDARD_WEEK } from '../../src/domain/schedule/calendar-types.js';
import { parseLocalDateTime } from '../../src/domain/schedule/local-time.js';
import { mspdiFromPlan } from '../../src/io/mspdi/mspdi-from-plan.js';
import { writeMspdi } from '../../src/io/mspdi/index.js';
import { createAssignment, createLink, createResource, createTask, getSchedule, updatePlan } from '../../src/services/schedule-edits.js';
import { saveBaseline } from '../../src/services/schedule-baselines.js';
import { importMspdi } from '../../src/services/schedule-transfer.js';
import { FIXED_NOW, hasChromium, pageWidth, startE2e, VIEWPORTS, type E2e } from './support.js';

/** A chain of `n` one-day tasks under summaries of 50, as MS Project XML. */
function bigPlanXml(n: number): string {
  const tasks = [];
  const extras = [];
  const links = [];
  for (let i = 0; i < n; i++) {
    const summary = i % 51 === 0;
    tasks.push({ id: `T${i}`, name: summary ? `Work package ${i / 51 + 1}` : `Task ${i}`, durationMinutes: 480, parent: summary ? null : `T${i - (i % 51)}` });
    extras.push({ uid: i + 1, name: tasks[i]!.name, outlineLevel: summary ? 1 : 2, wbs: String(i), summary, notes: '', priority: 500, fixedCost: 0, start: null, finish: null, earlyStart: null, earlyFinish: null, lateStart: null, lateFinish: null, totalSlackMinutes: null, freeSlackMinutes: null, critical: false, manualStart: null, manualFinish: null });
    if (!summary && i % 51 > 1) links.push({ predecessor: `T${i - 1}`, successor: `T${i}`, type: 'FS' as const });
  }
  const input = { tasks, links, calendars: [{ id: 'std', name: 'Standard', week: STANDARD_WEEK }], projectCalendar: 'std', start: parseLocalDateTime('2026-03-02T08:00')! };
  return writeMspdi(mspdiFromPlan({ name: 'Big', input, minutesPerDay: 480, computedStart: null, computedFinish: null, tasks: extras, calendarUids: new Map([['std', 1]]), resources: [], assignments: [], baselines: [] }));
}

const cell = (page: Page, task: string, column: number) => page.locator(`[data-task="${task}"] [role="gridcell"]`).nth(column);

describe.skipIf(!hasChromium)('schedule (Gantt)', () => {
  let e2e: E2e;
  let projectId: ProjectId;
  beforeAll(async () => {
    e2e = await startE2e();
    projectId = e2e.fixture.projects['CX-001'] as ProjectId;
    const sys = e2e.system;
    const plan = (await getSchedule(sys, projectId)).plan;
    await updatePlan(sys, projectId, { version: plan.version, start: '2026-03-02T08:00:00' });
    const add = async (input: object) => (await createTask(sys, projectId, TaskCreate.parse(input))).record;
    const design = await add({ name: 'Design' });
    const brief = await add({ name: 'Write the brief', durationMinutes: 2 * 480, parentId: design.id });
    const screens = await add({ name: 'Design the screens', durationMinutes: 5 * 480, parentId: design.id });
    const build = await add({ name: 'Build' });
    const shop = await add({ name: 'Build the shop', durationMinutes: 10 * 480, parentId: build.id, percentComplete: 20 });
    const pay = await add({ name: 'Payments', durationMinutes: 4 * 480, parentId: build.id });
    const live = await add({ name: 'Go live', durationMinutes: 0, milestone: true });
    const link = (p: { id: string }, s: { id: string }, more: object = {}) => createLink(sys, projectId, LinkCreate.parse({ predecessorId: p.id, successorId: s.id, ...more }));
    await link(brief, screens);
    await link(screens, shop);
    await link(screens, pay, { type: 'SS', lagMinutes: 2 * 480 });
    await link(shop, live);
    await link(pay, live);
    await saveBaseline(sys, projectId, 0, { name: 'Approved' });
    void (brief.id as ScheduleTaskId);
  });
  afterAll(() => e2e?.close());

  it('shows the plan and, when a duration is edited in place, moves the successors at once', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${projectId}/schedule`);
    await page.getByRole('grid', { name: 'Gantt chart' }).waitFor();
    expect(await cell(page, 'Build the shop', 3).textContent()).toBe('11 Mar 2026');
    expect(await page.locator('[data-bar="Build the shop"]').getAttribute('aria-label')).toMatch(/critical/);

    await cell(page, 'Write the brief', 2).dblclick();
    const input = page.getByRole('textbox', { name: 'Duration of Write the brief' });
    await input.fill('4');
    await input.press('Enter');
    await expect.poll(() => cell(page, 'Build the shop', 3).textContent()).toBe('13 Mar 2026');
    expect(await cell(page, 'Go live', 4).textContent()).toBe('26 Mar 2026');
    const stored = (await getSchedule(e2e.system, projectId)).tasks.find((t) => t.name === 'Write the brief')!;
    expect(stored.durationMinutes).toBe(4 * 480);
  });

  it('edits links as MS Project predecessors and says what is wrong with bad input', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${projectId}/schedule`);
    await page.getByRole('grid', { name: 'Gantt chart' }).waitFor();
    await cell(page, 'Payments', 5).dblclick();
    const input = page.getByRole('textbox', { name: 'Predecessors of Payments' });
    expect(await input.inputValue()).toBe('3SS+2d');
    await input.fill('3SS+2d, 99');
    await input.press('Enter');
    await page.getByText('there is no row 99').waitFor();
    await input.fill('5FS');
    await input.press('Enter');
    await expect.poll(() => cell(page, 'Payments', 5).textContent()).toBe('5');
    await expect.poll(() => cell(page, 'Payments', 3).textContent()).toBe('27 Mar 2026');

    await cell(page, 'Go live', 2).dblclick();
    const duration = page.getByRole('textbox', { name: 'Duration of Go live' });
    await duration.fill('soon');
    await duration.press('Enter');
    await page.getByText(/Duration: write a duration such as 5d/).waitFor();
    await duration.press('Escape');
  });

  it('shows baseline bars beside the current ones, and zooms from days to quarters', async () => {
    const { page } = await e2e.open('admin');
    // The today line at the fixture's "now", so the screenshot is the same on every run.
    await page.clock.setFixedTime(new Date(FIXED_NOW));
    await page.goto(`/projects/${projectId}/schedule`);
    await page.getByRole('grid', { name: 'Gantt chart' }).waitFor();
    await page.getByLabel('Baseline shown').first().click();
    await page.getByRole('option', { name: /Approved/ }).click();
    await page.locator('[title^="Baseline:"]').first().waitFor();
    for (const zoom of ['Days', 'Months', 'Quarters', 'Weeks']) {
      await page.getByText(zoom, { exact: true }).click();
      await page.locator('[data-bar="Build the shop"]').waitFor();
    }
    await e2e.screenshot(page, 'project-schedule-laptop', { fullPage: false });
  });

  it('collapses a summary to hide its subtasks, keeping the row numbers predecessors use', async () => {
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${projectId}/schedule`);
    await page.getByRole('grid', { name: 'Gantt chart' }).waitFor();
    await page.getByRole('button', { name: 'Collapse Design' }).click();
    await expect.poll(() => page.locator('[data-task="Write the brief"]').count()).toBe(0);
    expect(await cell(page, 'Build', 0).textContent()).toBe('4');
    await page.getByRole('button', { name: 'Expand Design' }).click();
    await page.locator('[data-task="Write the brief"]').waitFor();
  });

  it('imports an MS Project file from the browser and offers the plan as a download', async () => {
    const { page } = await e2e.open('admin');
    const exported = await page.request.get(`/api/v1/projects/${projectId}/schedule/export`);
    expect(exported.headers()['content-disposition']).toMatch(/attachment; filename="CX-001\.xml"/);
    const xml = await exported.text();
    expect(xml).toContain('<Name>Build the shop</Name>');

    const empty = e2e.fixture.projects['CX-002'] as string;
    await page.goto(`/projects/${empty}/schedule`);
    await page.getByText('No plan yet').waitFor();
    await page.getByRole('button', { name: 'Import MS Project file' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file' }).click();
    await (await chooser).setFiles({ name: 'plan.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await page.getByRole('grid', { name: 'Gantt chart' }).waitFor();
    await expect.poll(() => page.locator('[data-task]').count()).toBe(7);
    expect(await cell(page, 'Go live', 4).textContent()).toBe(await (async () => {
      const { page: source } = await e2e.open('admin');
      await source.goto(`/projects/${projectId}/schedule`);
      await source.getByRole('grid', { name: 'Gantt chart' }).waitFor();
      return cell(source, 'Go live', 4).textContent();
    })());
    expect(await page.getByRole('link', { name: 'Export' }).getAttribute('href')).toBe(`/api/v1/projects/${empty}/schedule/export`);
  });

  it('stays light with 5,000 tasks: only the rows on screen are drawn, and the last one is a scroll away', async () => {
    const big = e2e.fixture.projects['DIG-010'] as ProjectId;
    await importMspdi(e2e.system, big, bigPlanXml(5000), true, 'application/xml');
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${big}/schedule`);
    await page.getByRole('grid', { name: 'Gantt chart' }).waitFor();
    expect(await page.locator('[data-task]').count()).toBeLessThan(80);
    const grid = page.getByRole('grid', { name: 'Gantt chart' });
    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.locator('[data-task="Task 4999"]').waitFor();
    expect(await page.locator('[data-task]').count()).toBeLessThan(80);
  });

  it('levels the resources from the toolbar and says who waited for whom', async () => {
    const ops = e2e.fixture.projects['OPS-001'] as ProjectId;
    const sys = e2e.system;
    const a = (await createTask(sys, ops, TaskCreate.parse({ name: 'Install conveyor', durationMinutes: 2 * 480 }))).record;
    const b = (await createTask(sys, ops, TaskCreate.parse({ name: 'Install scanner', durationMinutes: 480 }))).record;
    const crew = (await createResource(sys, ops, ResourceCreate.parse({ name: 'Install crew' }))).record;
    for (const t of [a, b]) await createAssignment(sys, ops, AssignmentCreate.parse({ taskId: t.id, resourceId: crew.id }));
    const { page } = await e2e.open('admin');
    await page.goto(`/projects/${ops}/schedule`);
    await page.getByRole('button', { name: 'Level resources' }).click();
    await page.getByText(/Levelled: 1 task\(s\) delayed/).waitFor();
    await page.getByText(/waits .* for Install crew/).waitFor();
    await page.getByRole('button', { name: 'Clear levelling' }).waitFor();
  });

  it('is usable on a phone: the plan scrolls inside its frame', async () => {
    const { page } = await e2e.open('admin', 'phone');
    await page.clock.setFixedTime(new Date(FIXED_NOW));
    await page.goto(`/projects/${projectId}/schedule`);
    await page.getByRole('grid', { name: 'Gantt chart' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await page.locator('[data-bar="Build the shop"]').scrollIntoViewIfNeeded();
    await e2e.screenshot(page, 'project-schedule-phone', { fullPage: false });
  });
});
