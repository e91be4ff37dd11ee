import { PharosError } from './domain/errors.js';
import { DEFAULT_DATABASE_URL, dialectOf } from './store/database.js';

/**
 * The server's settings, read once from the environment at start-up. Everything else takes
 * this typed object, so no other module reads `process.env` and a bad value fails at once,
 * with one line naming the variable, instead of deep inside a request.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The first administrator, made on first start when the database has no users. */
export type FirstAdmin = {
  email: string;
  password: string;
  name: string;
  /** Name of the organisation to create when there is none (or to pick when there are several). */
  organisationName: string;
};

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  secureCookies: boolean;
  logLevel: LogLevel;
  firstAdmin: FirstAdmin | null;
  /**
   * `PHAROS_SEED_DEMO`: `true` seeds the demo organisation into an empty database, `false`
   * never does, `null` (unset) leaves the choice to the command (`serve --seed-demo-if-empty`).
   */
  seedDemo: boolean | null;
};

export type Environment = Readonly<Record<string, string | undefined>>;

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_ORGANISATION_NAME = 'My Organisation';
export const DEFAULT_ADMIN_NAME = 'Administrator';
/** Same rule as the API's `Password` schema, so the first admin can sign in through the web app. */
const MIN_PASSWORD = 10;

function configError(detail: string): PharosError {
  return new PharosError('validation-failed', detail, { issues: [{ field: detail.split(' ')[0] ?? 'environment', reason: detail }] });
}

/** Empty strings count as unset: `PORT= npm start` should not mean port 0. */
function value(env: Environment, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** A TCP port 0–65535 (0 lets the system choose, which tests use). */
export function parsePort(text: string, name = 'PORT'): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) {
    throw configError(`${name} must be a whole number from 0 to 65535 (got "${text}")`);
  }
  return Number(text);
}

/** `true`/`false` (also 1/0, yes/no, on/off), case-insensitive; anything else names the variable. */
export function parseBoolean(text: string, name: string): boolean {
  const t = text.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(t)) return true;
  if (['false', '0', 'no', 'off'].includes(t)) return false;
  throw configError(`${name} must be true or false (got "${text}")`);
}

function firstAdminFrom(env: Environment): FirstAdmin | null {
  const email = value(env, 'PHAROS_ADMIN_EMAIL');
  const password = env.PHAROS_ADMIN_PASSWORD;
  if (!email) {
    if (password) throw configError('PHAROS_ADMIN_EMAIL must be set when PHAROS_ADMIN_PASSWORD is');
    return null;
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw configError(`PHAROS_ADMIN_EMAIL must be an email address (got "${email}")`);
  if (!password) throw configError('PHAROS_ADMIN_PASSWORD must be set when PHAROS_ADMIN_EMAIL is');
  if (password.length < MIN_PASSWORD) throw configError(`PHAROS_ADMIN_PASSWORD must be at least ${MIN_PASSWORD} characters`);
  return {
    email: email.toLowerCase(),
    password,
    name: value(env, 'PHAROS_ADMIN_NAME') ?? DEFAULT_ADMIN_NAME,
    organisationName: value(env, 'PHAROS_ORG_NAME') ?? DEFAULT_ORGANISATION_NAME,
  };
}

/**
 * Just the database URL (`PHAROS_DATABASE_URL`, else the default), for CLI commands that need
 * nothing else and should not fail on an unrelated bad setting.
 */
export function databaseUrlFrom(env: Environment = process.env): string {
  return value(env, 'PHAROS_DATABASE_URL') ?? DEFAULT_DATABASE_URL;
}

/**
 * Reads the settings from `env` (default `process.env`). Throws a `validation-failed`
 * PharosError whose message is one line naming the variable and the reason.
 *
 * @example loadConfig({ PORT: '8080' }).port // 8080
 */
export function loadConfig(env: Environment = process.env): Config {
  const port = value(env, 'PORT');
  const databaseUrl = databaseUrlFrom(env);
  try {
    dialectOf(databaseUrl);
  } catch (e) {
    throw configError(e instanceof Error ? e.message : String(e));
  }
  const logLevel = (value(env, 'PHAROS_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw configError(`PHAROS_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const secure = value(env, 'PHAROS_SECURE_COOKIES');
  const seed = value(env, 'PHAROS_SEED_DEMO');
  return {
    port: port === undefined ? DEFAULT_PORT : parsePort(port),
    host: value(env, 'HOST') ?? DEFAULT_HOST,
    databaseUrl,
    secureCookies: secure === undefined ? false : parseBoolean(secure, 'PHAROS_SECURE_COOKIES'),
    logLevel: logLevel as LogLevel,
    firstAdmin: firstAdminFrom(env),
    seedDemo: seed === undefined ? null : parseBoolean(seed, 'PHAROS_SEED_DEMO'),
  };
}
