import type { FastifyReply } from 'fastify';
import type { JsonText } from '../services/projects.js';

/**
 * Sends text that is already the JSON of the route's response type (built by the database),
 * without parsing and serialising it again. The brand on `JsonText<T>` ties it to that type.
 */
export function sendJsonText<T>(reply: FastifyReply, text: JsonText<T>): FastifyReply {
  return reply
    .type('application/json; charset=utf-8')
    .serializer((payload: unknown) => payload as string)
    .send(text as never);
}
