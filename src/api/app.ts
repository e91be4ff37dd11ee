import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { PharosError } from '../domain/errors.js';
import type { Clock } from '../services/context.js';
import type { Store } from '../store/database.js';
import { sendProblem } from './problem.js';
import { authenticate, type RouteAccess } from './request-context.js';
import { authRoutes } from './routes/auth.routes.js';
import { organisationRoutes } from './routes/organisations.routes.js';
import { portfolioRoutes } from './routes/portfolios.routes.js';
import { programmeRoutes } from './routes/programmes.routes.js';
import { projectRoutes } from './routes/projects.routes.js';
import { strategyRoutes } from './routes/strategy.routes.js';
import { scheduleRoutes } from './routes/schedule.routes.js';
import { changeRoutes } from './routes/change.routes.js';
import { raidRoutes } from './routes/raid.routes.js';
import { simulationRoutes } from './routes/simulations.routes.js';
import { scoringRoutes } from './routes/scoring.routes.js';
import { capacityRoutes } from './routes/capacity.routes.js';
import { scenarioRoutes } from './routes/scenarios.routes.js';

export type AppOptions = {
  store: Store;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app (`dist/web`); `null` serves the API only. */
  webRoot?: string | null;
  /** Mark the session cookie `Secure` (set when served over HTTPS). */
  secureCookies?: boolean;
  trustProxy?: boolean;
  version?: string;
};

export type RouteEntry = { method: string; url: string; access: RouteAccess | undefined };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, for the policy tests and the docs. */
    pharosRoutes: RouteEntry[];
  }
}

export const BODY_LIMIT = 1_048_576;

/**
 * Builds the HTTP server (API, OpenAPI document, interactive docs, web app) without listening,
 * so tests drive it with `app.inject()`.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  const routes: RouteEntry[] = [];
  app.decorate('pharosRoutes', routes);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: r.url, access: r.config?.access });
  });

  app.setValidatorCompiler(validatorCompiler);
  // Responses are built from typed service results; plain JSON is both correct and fastest.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler((error, request, reply) => sendProblem(reply, request, error));
  // The API speaks JSON only: other bodies are refused with 415 rather than parsed as text.
  app.removeContentTypeParser('text/plain');

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pharos API',
        version: options.version ?? '0.1.0',
        description:
          'The Pharos PMO platform. Errors are RFC 9457 problem+json. Lists use cursor pagination (`limit`, `cursor`, `nextCursor`). ' +
          'Every record carries `version`: send it back with updates; a stale version answers 409. ' +
          'Authenticate with the session cookie (browser; changes need the `x-csrf-token` header) or `Authorization: Bearer pht_…`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token made with `pharos token create` or POST /api/v1/auth/tokens' },
          session: { type: 'apiKey', in: 'cookie', name: 'pharos_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/health', { schema: { tags: ['System'], summary: 'Liveness and the database in use', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), version: z.string() }) } }, config: { access: { action: 'public' } } }, async () => {
    await sql`select 1`.execute(options.store.db);
    return { status: 'ok' as const, database: options.store.dialect, version: options.version ?? '0.1.0' };
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: { action: 'public' } } }, async () => app.swagger());

  const deps = { store: options.store, clock };
  await app.register(
    async (api) => {
      api.addHook('onRequest', authenticate(options.store, clock));
      await api.register(authRoutes({ ...deps, secureCookies: options.secureCookies ?? false }));
      await api.register(organisationRoutes(deps));
      await api.register(portfolioRoutes(deps));
      await api.register(programmeRoutes(deps));
      await api.register(projectRoutes(deps));
      await api.register(strategyRoutes(deps));
      await api.register(scheduleRoutes(deps));
      await api.register(raidRoutes(deps));
      await api.register(changeRoutes(deps));
      await api.register(simulationRoutes(deps));
      await api.register(scoringRoutes(deps));
      await api.register(capacityRoutes(deps));
      await api.register(scenarioRoutes(deps));
    },
    { prefix: '/api/v1' },
  );

  const webRoot = options.webRoot === undefined ? null : options.webRoot;
  const hasWeb = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // A missing asset (e.g. an old bundle after a rebuild) is a 404, not the app shell.
    const looksLikeFile = path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path);
    if (hasWeb && request.method === 'GET' && !path.startsWith('/api') && !looksLikeFile) {
      // The web app routes on the client: any other page URL gets the app shell.
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(reply, request, new PharosError('not-found', `no route ${request.method} ${path}`));
  });

  return app;
}
