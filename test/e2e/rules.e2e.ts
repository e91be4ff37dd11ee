import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, startE2e, type E2e } from './support.js';

describe.skipIf(!hasChromium)('the PMO rules', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('the PMO sets the approval limits, told when a project board would outrank its programme board, and the escalation rule', async () => {
    const { page } = await e2e.open('admin');
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'PMO rules' }).click();
    const change = page.getByRole('region', { name: 'Change control: who approves' });
    const projectCost = change.getByRole('textbox', { name: 'Up to this share of the budget' }).first();
    await expect.poll(() => projectCost.inputValue()).toBe('2%');
    await projectCost.fill('25');
    await change.getByRole('button', { name: 'Save approval limits' }).click();
    await change.getByText(/Must not exceed the programme board’s limit/).waitFor();
    await projectCost.fill('5');
    await change.getByRole('switch', { name: 'The person who raised a change may also approve it' }).check();
    await change.getByRole('button', { name: 'Save approval limits' }).click();
    await change.getByRole('button', { name: 'Save approval limits' }).waitFor({ state: 'detached' });
    const saved = (await (await page.request.get(`/api/v1/organisations/${e2e.fixture.organisationId}/change-policy`)).json()) as { version: number; project: { maxCostPercent: number }; selfApproval: boolean };
    expect(saved).toMatchObject({ version: 1, project: { maxCostPercent: 5 }, selfApproval: true });

    const risks = page.getByRole('region', { name: 'Risks: escalation and reviews' });
    await risks.getByRole('textbox', { name: 'Escalate at a score of' }).fill('12');
    await risks.getByRole('button', { name: 'Save escalation rule' }).click();
    await risks.getByRole('button', { name: 'Save escalation rule' }).waitFor({ state: 'detached' });
    const matrix = (await (await page.request.get(`/api/v1/organisations/${e2e.fixture.organisationId}/risk-matrix`)).json()) as { escalation: { scoreAtLeast: number } };
    expect(matrix.escalation.scoreAtLeast).toBe(12);
    await e2e.screenshot(page, 'pmo-rules-laptop');
  });

  it('everyone else reads the rules but cannot change them', async () => {
    const { page } = await e2e.open('viewer');
    await page.goto('/rules');
    const change = page.getByRole('region', { name: 'Change control: who approves' });
    const input = change.getByRole('textbox', { name: 'Up to this share of the budget' }).first();
    await input.waitFor();
    expect(await input.getAttribute('readonly')).not.toBeNull();
    expect(await change.getByRole('switch').isDisabled()).toBe(true);
  });
});
