import type { Store } from '../../src/store/database.js';

const TABLES = ['organisation', 'userAccount', 'membership', 'portfolio', 'programme', 'project', 'objective', 'contribution', 'auditEvent', 'apiToken'] as const;

/** Every row of every business table, in a stable order: compare two to prove nothing changed. */
export async function snapshot(store: Store): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    out[table] = await store.db.selectFrom(table).selectAll().orderBy('id').execute();
  }
  return JSON.stringify(out);
}
