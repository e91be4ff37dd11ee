import type { FastifyRequest } from 'fastify';
import type { Clock, ServiceContext } from '../../services/context.js';
import type { Store } from '../../store/database.js';
import { contextOf } from '../request-context.js';

/** What every route group is built with. */
export type RouteDeps = { store: Store; clock: Clock };

export const ctxFor = (deps: RouteDeps) => (request: FastifyRequest): ServiceContext => contextOf(request, deps.store, deps.clock);
