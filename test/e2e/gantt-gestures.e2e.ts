import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { LinkCreate, TaskCreate } from '../../src/api/schemas/schedule.schema.js';
import type { ProjectId } from '../../src/domain/ids.js';
import { createLink, createTask, getSchedule, updatePlan } from '../../src/services/schedule-edits.js';
import { FIXED_NOW, hasChromium, startE2e, type E2e } from './support.js';

/**
 * The Gantt's mouse gestures, done with the mouse as a person would: drag a bar to move it,
 * drag its right end to change the duration, drag the dot after it onto another bar to link
 * them. Each is checked through the API (what was saved) and on the page (the recalculated
 * plan the grid shows). The plan starts on Monday 2 March 2026 on a Monday-to-Friday,
 * 08:00–17:00 calendar; the dates below were worked out by hand on that calendar.
 */

const cell = (page: Page, task: string, column: 'start' | 'finish' | 'predecessors') => page.locator(`[data-task="${task}"] [role="gridcell"]`).nth({ start: 3, finish: 4, predecessors: 5 }[column]);
const bar = (page: Page, task: string) => page.locator(`[data-bar="${task}"]`);
const box = async (l: Locator) => (await l.boundingBox())!;

/** Presses at the middle of `from`, moves by `dx` pixels (or onto `to`) in small steps, releases; `during` runs with the button held. */
async function drag(page: Page, from: Locator, to: { dx: number } | Locator, during?: () => Promise<void>) {
  const a = await box(from);
  const x0 = a.x + a.width / 2;
  const y0 = a.y + a.height / 2;
  const end = 'dx' in to ? { x: x0 + to.dx, y: y0 } : await box(to).then((b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 }));
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await during?.();
  await page.mouse.up();
}

describe.skipIf(!hasChromium)('Gantt mouse gestures', () => {
  let e2e: E2e;
  let projectId: ProjectId;
  const plan = async (page: Page) => {
    const res = await page.request.get(`/api/v1/projects/${projectId}/schedule`);
    expect(res.ok()).toBe(true);
    return (await res.json()) as { tasks: { id: string; name: string; start: string; finish: string; durationMinutes: number }[]; links: { predecessorId: string; successorId: string; type: string; lagMinutes: number }[] };
  };
  const task = async (page: Page, name: string) => (await plan(page)).tasks.find((t) => t.name === name)!;
  /** Pixels per calendar day at the chart's zoom, from the bar no gesture touches: Monday 08:00 to Tuesday 17:00 is 1.375 days. */
  const pxPerDay = async (page: Page) => (await box(bar(page, 'Survey the site'))).width / 1.375;

  beforeAll(async () => {
    e2e = await startE2e();
    projectId = e2e.fixture.projects['CX-001'] as ProjectId;
    const sys = e2e.system;
    const current = (await getSchedule(sys, projectId)).plan;
    await updatePlan(sys, projectId, { version: current.version, start: '2026-03-02T08:00:00' });
    const add = async (name: string, days: number) => (await createTask(sys, projectId, TaskCreate.parse({ name, durationMinutes: days * 480 }))).record;
    const survey = await add('Survey the site', 2); // Mon 2 – Tue 3 Mar
    const order = await add('Order the kit', 3); // Wed 4 – Fri 6 Mar
    const install = await add('Install the kit', 2); // Mon 9 – Tue 10 Mar
    const fit = await add('Fit out the room', 3); // Mon 2 – Wed 4 Mar
    const hand = await add('Hand over', 1); // Thu 5 Mar
    const link = (p: { id: string }, s: { id: string }) => createLink(sys, projectId, LinkCreate.parse({ predecessorId: p.id, successorId: s.id }));
    await link(survey, order);
    await link(order, install);
    await link(fit, hand);
  });
  afterAll(() => e2e?.close());

  const open = async () => {
    const { page } = await e2e.open('admin');
    await page.clock.setFixedTime(new Date(FIXED_NOW));
    await page.goto(`/projects/${projectId}/schedule`);
    await page.getByRole('grid', { name: 'Gantt chart' }).waitFor();
    return page;
  };

  it('moves a bar dragged along the timeline, its start snapped to the week at week zoom, and shows the successors moved', async () => {
    const page = await open();
    expect(await cell(page, 'Order the kit', 'start').textContent()).toBe('4 Mar 2026');
    const px = await pxPerDay(page);
    // Nine days on from Wednesday 4 March is Friday 13 March; at week zoom the start snaps to the nearest Monday, the 16th.
    await drag(page, bar(page, 'Order the kit'), { dx: 9 * px }, async () => {
      await expect.poll(() => page.locator('[data-drag-tip]').textContent()).toBe('Start 16 Mar 2026 08:00 · Finish 18 Mar 2026 17:00');
      // Near the chart's right end the tooltip is pulled back so it can be read whole.
      const tip = await box(page.locator('[data-drag-tip]'));
      const chart = await box(page.getByRole('grid', { name: 'Gantt chart' }));
      expect(tip.x + tip.width).toBeLessThanOrEqual(chart.x + chart.width);
      await e2e.screenshot(page, 'project-schedule-drag-laptop', { fullPage: false });
    });
    await expect.poll(async () => (await task(page, 'Order the kit')).start).toBe('2026-03-16T08:00:00');
    expect((await task(page, 'Order the kit')).durationMinutes).toBe(3 * 480);
    // The recalculated plan: the moved task and its successor, without a reload.
    await expect.poll(() => cell(page, 'Order the kit', 'start').textContent()).toBe('16 Mar 2026');
    await expect.poll(() => cell(page, 'Install the kit', 'start').textContent()).toBe('19 Mar 2026');
    expect((await task(page, 'Install the kit')).start).toBe('2026-03-19T08:00:00');
  });

  it('changes the duration when the right end of a bar is dragged, day by day at day zoom, and moves the successor', async () => {
    const page = await open();
    await page.getByText('Days', { exact: true }).click();
    await bar(page, 'Fit out the room').waitFor();
    const px = await pxPerDay(page);
    expect(await cell(page, 'Hand over', 'start').textContent()).toBe('5 Mar 2026');
    // The finish goes from Wednesday 4 to Friday 6 March: three working days become five.
    await drag(page, page.locator('[data-resize="Fit out the room"]'), { dx: 2 * px });
    await expect.poll(async () => (await task(page, 'Fit out the room')).durationMinutes).toBe(5 * 480);
    const fit = await task(page, 'Fit out the room');
    expect([fit.start, fit.finish]).toEqual(['2026-03-02T08:00:00', '2026-03-06T17:00:00']);
    await expect.poll(() => cell(page, 'Fit out the room', 'finish').textContent()).toBe('6 Mar 2026');
    await expect.poll(() => cell(page, 'Hand over', 'start').textContent()).toBe('9 Mar 2026');
  });

  it('links two tasks finish-to-start when the dot after one bar is dropped on another, and the follower moves after it', async () => {
    const page = await open();
    const before = await plan(page);
    const survey = before.tasks.find((t) => t.name === 'Survey the site')!;
    const fit = before.tasks.find((t) => t.name === 'Fit out the room')!;
    expect(before.links.some((l) => l.predecessorId === survey.id && l.successorId === fit.id)).toBe(false);
    await drag(page, page.locator('[data-link-from="Survey the site"]'), bar(page, 'Fit out the room'), async () => {
      await expect.poll(() => page.locator('[data-drag-tip]').textContent()).toBe('Link Survey the site → Fit out the room (finish-to-start)');
    });
    await expect.poll(async () => (await plan(page)).links.filter((l) => l.predecessorId === survey.id && l.successorId === fit.id)).toEqual([expect.objectContaining({ type: 'FS', lagMinutes: 0 })]);
    // Survey finishes Tuesday 3 March: the five-day fit-out now runs Wednesday 4 to Tuesday 10, the handover on the 11th.
    await expect.poll(() => cell(page, 'Fit out the room', 'start').textContent()).toBe('4 Mar 2026');
    expect(await cell(page, 'Fit out the room', 'predecessors').textContent()).toBe('1');
    await expect.poll(() => cell(page, 'Hand over', 'start').textContent()).toBe('11 Mar 2026');
    expect((await task(page, 'Hand over')).start).toBe('2026-03-11T08:00:00');
  });

  it('leaves the plan alone when a drag is abandoned with Escape, or a bar is only clicked', async () => {
    const page = await open();
    const before = await plan(page);
    const writes: string[] = [];
    page.on('request', (r) => void (r.method() !== 'GET' && writes.push(`${r.method()} ${r.url()}`)));
    const a = await box(bar(page, 'Install the kit'));
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 120, a.y + a.height / 2, { steps: 6 });
    await page.keyboard.press('Escape');
    await page.mouse.up();
    await bar(page, 'Install the kit').click();
    await page.waitForLoadState('networkidle');
    expect(writes).toEqual([]);
    const after = await plan(page);
    expect(after.tasks.map((t) => [t.name, t.start, t.finish])).toEqual(before.tasks.map((t) => [t.name, t.start, t.finish]));
    expect(after.links).toHaveLength(before.links.length);
  });
});
