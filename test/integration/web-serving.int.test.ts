import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import type { Store } from '../../src/store/database.js';
import { freshStore } from '../support/database.js';

describe('serving the web app', () => {
  let dir: string;
  let store: Store & { drop(): Promise<void> };
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pharos-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Pharos</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'app-123.js'), 'console.log(1)');
    store = await freshStore('sqlite');
    app = await buildApp({ store, webRoot: dir });
  });
  afterAll(async () => {
    await app.close();
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers any page URL with the app shell, so deep links and reloads work', async () => {
    for (const url of ['/', '/portfolios/0190d6c4-0000-7000-8000-000000000000?sort=-name', '/strategy']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves built assets, and a missing asset is a 404 rather than the shell', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/app-123.js' })).body).toBe('console.log(1)');
    const gone = await app.inject({ method: 'GET', url: '/assets/app-old.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/problem\+json/);
    expect((await app.inject({ method: 'GET', url: '/favicon.ico' })).statusCode).toBe(404);
  });

  it('never answers an API path with the shell', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/unknown' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
