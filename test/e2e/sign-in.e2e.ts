import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from './fixture.js';
import { hasChromium, startE2e, type E2e } from './support.js';

describe.skipIf(!hasChromium)('sign-in page', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('sends a visitor to sign in, checks the fields inline, and says when the password is wrong', async () => {
    const { page } = await e2e.open(null);
    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Enter your email address', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Enter your password').isVisible()).toBe(true);

    await page.getByRole('textbox', { name: 'Email' }).fill(e2e.fixture.users.admin.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Wrong email or password' });
    await alert.waitFor();
    expect(page.url()).toContain('/sign-in');
  });

  it('signs in, returns to the page asked for, and signs out from the user menu', async () => {
    const { page } = await e2e.open(null);
    await page.goto(`/portfolios/${e2e.fixture.portfolios.digital}`);
    await page.getByRole('textbox', { name: 'Email' }).fill(e2e.fixture.users.admin.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Digital Services' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portfolios/${e2e.fixture.portfolios.digital}`);
    expect(await page.getByTestId('organisation-name').textContent()).toBe('Northwind Trading');

    await page.getByRole('button', { name: 'Account: Ada Admin' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
  });

  it('says sign-in is paused after too many wrong passwords (429)', async () => {
    const { page, context } = await e2e.open(null);
    const email = e2e.fixture.users.viewer.email;
    for (let i = 0; i < 5; i++) {
      const res = await context.request.post('/api/v1/auth/login', { data: { email, password: `wrong ${i}` } });
      expect(res.status()).toBe(401);
    }
    await page.goto('/sign-in');
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Too many attempts' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Wait 15 minutes');
  });
});
