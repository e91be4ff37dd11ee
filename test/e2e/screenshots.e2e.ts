import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, pageWidth, startE2e, VIEWPORTS, type E2e, type ViewportName } from './support.js';

/**
 * The pictures in docs/screenshots: every page at laptop (1280×800) and phone (390×844)
 * width. Each is also a smoke test that the page renders its main content.
 */
describe.skipIf(!hasChromium)('screenshots of every page', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    it(`at ${viewport} width`, async () => {
      const { fixture: f } = e2e;
      const { page: anonymous } = await e2e.open(null, viewport);
      await anonymous.goto('/sign-in');
      await expect.poll(() => anonymous.getByRole('heading', { name: 'Sign in to Pharos' }).isVisible()).toBe(true);
      await e2e.screenshot(anonymous, `sign-in-${viewport}`);

      const { page } = await e2e.open('admin', viewport);
      const shots: [string, string, string][] = [
        ['home', '/', 'Portfolios'],
        ['portfolio', `/portfolios/${f.portfolios.digital}`, 'Digital Services'],
        ['programme', `/programmes/${f.programmes.cx}`, 'Customer Experience'],
        ['project', `/projects/${f.projects['CX-001']}`, 'New web shop'],
        ['project-strategy', `/projects/${f.projects['CX-002']}/strategy`, 'Mobile app refresh'],
        ['project-history', `/projects/${f.projects['CX-001']}/history`, 'New web shop'],
        ['strategy', '/strategy', 'Strategy'],
      ];
      for (const [name, url, heading] of shots) {
        await page.goto(url);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        // Readable without sideways scrolling of the whole page (wide tables scroll inside themselves).
        expect(await pageWidth(page), `${name} fits the width`).toBeLessThanOrEqual(VIEWPORTS[viewport].width);
        await e2e.screenshot(page, `${name}-${viewport}`);
      }
      if (viewport === 'phone') {
        await page.goto(`/portfolios/${f.portfolios.digital}`);
        await page.getByRole('button', { name: 'Open navigation' }).click();
        await page.getByRole('tree').waitFor();
        await e2e.screenshot(page, 'navigation-phone', { fullPage: false });
      }
    });
  }
});
