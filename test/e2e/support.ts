import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../../src/api/app.js';
import { systemActor, type ServiceContext } from '../../src/services/context.js';
import { DIALECTS, freshStore } from '../support/database.js';
import { buildFixture, PASSWORD, type Fixture, type UserKey } from './fixture.js';

export const CHROMIUM = '/usr/bin/chromium';
/** Browser tests need the system Chromium; without it they skip (see the one-line reason below). */
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_REASON = `e2e skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium)`;
if (!hasChromium) console.warn(SKIP_REASON);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = join(root, 'dist/web');
export const SCREENSHOTS = join(root, 'docs/screenshots');

// Browser-side code reaches the page through the element it is given: the test project is
// compiled without the DOM library, so globals such as `document` are not used here.

/** The page's full width in CSS pixels (more than the window means sideways scrolling). */
export async function pageWidth(page: Page): Promise<number> {
  return page.locator('html').evaluate((el) => el.scrollWidth);
}

/** Whether `locator`'s element has the keyboard focus. */
export async function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el.ownerDocument.activeElement === el);
}

/** A computed CSS property of `locator`'s element. */
export async function cssOf(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((el, p) => el.ownerDocument.defaultView?.getComputedStyle(el).getPropertyValue(p) ?? '', property);
}

/** The server's clock in browser tests: 2 Mar 2026, 09:30 in London. */
export const FIXED_NOW = '2026-03-02T09:30:00.000Z';

export const VIEWPORTS = {
  laptop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export type E2e = {
  baseUrl: string;
  fixture: Fixture;
  system: ServiceContext;
  browser: Browser;
  /** A fresh browser context (own cookies), signed in as `user` unless `null`. */
  open(user: UserKey | null, viewport?: ViewportName): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }>;
  /** Saves `docs/screenshots/<name>.png` of the whole page (or only the window with `fullPage: false`). */
  screenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
};

/**
 * One server on a random port over a fresh database (SQLite, or PostgreSQL when
 * PHAROS_TEST_DATABASE_URL is set) with the fixture, plus one headless Chromium.
 */
export async function startE2e(): Promise<E2e> {
  const dialect = DIALECTS[0] ?? 'sqlite';
  const store = await freshStore(dialect);
  // A fixed "now" keeps the timestamps in History (and so the screenshots) the same on every run.
  const clock = () => new Date(FIXED_NOW);
  const system: ServiceContext = { db: store.db, dialect: store.dialect, actor: systemActor('e2e setup'), clock };
  const fixture = await buildFixture(system, randomBytes(4).toString('hex'));
  const app = await buildApp({ store, clock, webRoot: WEB_ROOT });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const contexts: BrowserContext[] = [];
  // One sign-in per person per file: later contexts reuse the session cookie (sign-in hashes a password, which is slow on purpose).
  const sessions = new Map<UserKey, Awaited<ReturnType<BrowserContext['storageState']>>>();

  const open: E2e['open'] = async (user, viewport = 'laptop') => {
    const saved = user ? sessions.get(user) : undefined;
    const context = await browser.newContext({
      ...(saved ? { storageState: saved } : {}),
      baseURL: baseUrl,
      viewport: VIEWPORTS[viewport],
      deviceScaleFactor: 1,
      isMobile: viewport === 'phone',
      hasTouch: viewport === 'phone',
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    if (user && !saved) {
      const res = await context.request.post('/api/v1/auth/login', { data: { email: fixture.users[user].email, password: PASSWORD } });
      if (!res.ok()) throw new Error(`sign-in as ${user} failed: ${res.status()} ${await res.text()}`);
      sessions.set(user, await context.storageState());
    }
    const page = await context.newPage();
    // No page should ever open alert/confirm/prompt: record any (an injected script would).
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    return { context, page, dialogs };
  };

  const screenshot: E2e['screenshot'] = async (page, name, options = {}) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Let skeletons resolve before the picture.
    await page.waitForFunction("!document.querySelector('.mantine-Skeleton-root, [aria-busy=true]')");
    await page.locator('html').evaluate(async (el) => {
      await el.ownerDocument.fonts.ready;
    });
    const viewport = page.viewportSize();
    const full = options.fullPage !== false && viewport;
    if (full) {
      // Grow the window to the page (rather than a full-page capture) so fixed parts such as
      // the navigation column reach the bottom of the picture as they would on a tall screen.
      const height = await page.locator('html').evaluate((el) => el.scrollHeight);
      await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 4000) });
    }
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
    if (full) await page.setViewportSize(viewport);
  };

  return {
    baseUrl,
    fixture,
    system,
    browser,
    open,
    screenshot,
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await store.drop();
    },
  };
}
