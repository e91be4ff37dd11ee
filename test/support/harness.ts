import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import type { OrganisationId, UserId } from '../../src/domain/ids.js';
import type { Role } from '../../src/domain/policy/index.js';
import { systemActor, type ServiceContext } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.js';
import { createUser, grantRole } from '../../src/services/users.js';
import type { Dialect, Store } from '../../src/store/database.js';
import { freshStore } from './database.js';

export const TEST_PASSWORD = 'correct horse battery';

/** A signed-in client: sends the session cookie and, on changes, the CSRF token. */
export type Client = {
  userId: UserId;
  request(method: InjectOptions['method'], url: string, body?: unknown): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
};

export type Harness = {
  app: FastifyInstance;
  store: Store;
  system: ServiceContext;
  organisationId: OrganisationId;
  /** Creates a user with the given grants and signs them in. */
  userWith(grants: { role: Role; scopeType?: 'organisation' | 'portfolio' | 'programme' | 'project'; scopeId?: string }[], name?: string): Promise<Client>;
  signIn(email: string, password?: string): Promise<Client & { cookie: string; csrf: string }>;
  close(): Promise<void>;
};

let counter = 0;

/** A migrated database, one organisation, and the app built on it (no port opened). */
export async function startHarness(dialect: Dialect, opts: { clock?: () => Date } = {}): Promise<Harness> {
  const store = await freshStore(dialect);
  const clock = opts.clock ?? (() => new Date());
  const system: ServiceContext = { db: store.db, dialect: store.dialect, actor: systemActor('test setup'), clock };
  const org = await createOrganisation(system, { name: 'Northwind Test Org', slug: `northwind-${counter++}`, pmoMode: 'controlling' });
  const app = await buildApp({ store, clock });
  await app.ready();

  const signIn: Harness['signIn'] = async (email, password = TEST_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'pharos_session')?.value as string;
    const me = res.json() as { csrfToken: string; user: { id: UserId } };
    const request: Client['request'] = (method, url, body) =>
      app.inject({
        method,
        url,
        cookies: { pharos_session: cookie },
        headers: method === 'GET' ? {} : { 'x-csrf-token': me.csrfToken },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    return {
      userId: me.user.id,
      cookie,
      csrf: me.csrfToken,
      request,
      get: (url) => request('GET', url),
      post: (url, body) => request('POST', url, body ?? {}),
      patch: (url, body) => request('PATCH', url, body ?? {}),
      delete: (url) => request('DELETE', url),
    };
  };

  const userWith: Harness['userWith'] = async (grants, name) => {
    const n = counter++;
    const email = `user${n}@example.test`;
    const user = await createUser(system, null, { email, name: name ?? `Test User ${n}`, password: TEST_PASSWORD });
    for (const g of grants) {
      await grantRole(system, { userId: user.id, role: g.role, scopeType: g.scopeType ?? 'organisation', scopeId: g.scopeId ?? org.id });
    }
    return signIn(email);
  };

  return {
    app,
    store,
    system,
    organisationId: org.id as OrganisationId,
    userWith,
    signIn,
    close: async () => {
      await app.close();
      await store.drop();
    },
  };
}
