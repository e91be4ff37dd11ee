import type { Kysely, Transaction } from 'kysely';
import type { UserId } from '../domain/ids.js';
import type { Grant } from '../domain/policy/index.js';
import type { Dialect } from '../store/database.js';
import type { Database } from '../store/schema.js';

/** Who is acting. The system actor (CLI, seed, first-start) bypasses the policy. */
export type Actor = {
  userId: UserId | null;
  name: string;
  grants: readonly Grant[];
  system: boolean;
};

export type Clock = () => Date;

/** What every use case receives: the database, the actor, and the time source. */
export type ServiceContext = {
  db: Kysely<Database>;
  dialect: Dialect;
  actor: Actor;
  clock: Clock;
};

export type Db = Kysely<Database> | Transaction<Database>;

export const systemActor = (name = 'system'): Actor => ({ userId: null, name, grants: [], system: true });

export function nowIso(ctx: { clock: Clock }): string {
  return ctx.clock().toISOString();
}
