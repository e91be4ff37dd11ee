import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_URL } from './store/database.js';
import { loadConfig } from './config.js';
import { slugOf } from './services/first-admin.js';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: DEFAULT_DATABASE_URL,
      secureCookies: false,
      logLevel: 'info',
      firstAdmin: null,
      seedDemo: null,
    });
  });

  it('reads every variable, and treats empty ones as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      PHAROS_DATABASE_URL: 'postgres://pharos:secret@db:5432/pharos',
      PHAROS_SECURE_COOKIES: 'true',
      PHAROS_LOG_LEVEL: 'WARN',
      PHAROS_SEED_DEMO: 'false',
      PHAROS_ADMIN_EMAIL: 'IT.Admin@Contoso.com',
      PHAROS_ADMIN_PASSWORD: 'a long passphrase',
      PHAROS_ORG_NAME: 'Contoso Group',
      PHAROS_ADMIN_NAME: '',
    });
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', secureCookies: true, logLevel: 'warn', seedDemo: false });
    expect(config.firstAdmin).toEqual({ email: 'it.admin@contoso.com', password: 'a long passphrase', name: 'Administrator', organisationName: 'Contoso Group' });
  });

  it.each([
    [{ PORT: '80a' }, 'PORT must be a whole number from 0 to 65535 (got "80a")'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    [{ PHAROS_DATABASE_URL: 'mysql://x' }, 'PHAROS_DATABASE_URL must start with sqlite: or postgres:// (got "mysql://x")'],
    [{ PHAROS_LOG_LEVEL: 'loud' }, 'PHAROS_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ PHAROS_SECURE_COOKIES: 'sometimes' }, 'PHAROS_SECURE_COOKIES must be true or false (got "sometimes")'],
    [{ PHAROS_ADMIN_EMAIL: 'a@b.co' }, 'PHAROS_ADMIN_PASSWORD must be set when PHAROS_ADMIN_EMAIL is'],
    [{ PHAROS_ADMIN_PASSWORD: 'a long passphrase' }, 'PHAROS_ADMIN_EMAIL must be set when PHAROS_ADMIN_PASSWORD is'],
    [{ PHAROS_ADMIN_EMAIL: 'a@b.co', PHAROS_ADMIN_PASSWORD: 'short' }, 'PHAROS_ADMIN_PASSWORD must be at least 10 characters'],
    [{ PHAROS_ADMIN_EMAIL: 'nobody', PHAROS_ADMIN_PASSWORD: 'a long passphrase' }, 'PHAROS_ADMIN_EMAIL must be an email address (got "nobody")'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ code: 'validation-failed', message }));
  });

  it('never shows a database password in an error', () => {
    expect(() => loadConfig({ PHAROS_DATABASE_URL: 'mysql://root:hunter2@db/x' })).toThrow(/root:\*\*\*@db/);
  });
});

describe('slugOf', () => {
  it.each([
    ['Northwind Utilities', 'northwind-utilities'],
    ['  Café Crème & Co. ', 'cafe-creme-co'],
    ['***', 'organisation'],
  ])('%s → %s', (name, slug) => expect(slugOf(name)).toBe(slug));
});
