import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';

export type Listening = { origin: string; close(): Promise<void> };

/**
 * The framework's ceiling: a bare `Fastify()` with one route answering a fixed page (the same
 * rows a real list answers) through the default serializer. No auth, no database, no schema:
 * what the list could reach if everything below the route cost nothing.
 */
export async function startCeiling(page: unknown): Promise<Listening> {
  const app = Fastify();
  app.get('/page', async () => page);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => app.close() };
}
