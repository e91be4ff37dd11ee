import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

for (const dialect of DIALECTS) {
  describe(`[${dialect}] the audit trail`, () => {
    let h: Harness;
    let admin: Client;
    let times: Date[];
    beforeAll(async () => {
      // A clock we control, so each write's time is known.
      times = [];
      let t = Date.parse('2027-01-04T09:00:00.000Z');
      h = await startHarness(dialect, { clock: () => { const d = new Date(t); times.push(d); return d; } });
      admin = await h.userWith([{ role: 'administrator' }], 'Ada Auditor');
      t += 60_000;
    });
    afterAll(() => h.close());

    it('records who, when, and each changed field before and after, per record', async () => {
      const pf = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'AUD', name: 'Audited' })).json();
      const p = (await admin.post('/api/v1/projects', { portfolioId: pf.id, code: 'AUD-1', name: 'First name', tags: ['a'] })).json();
      const u = (await admin.patch(`/api/v1/projects/${p.id}`, { version: 1, name: 'Second name', tags: ['a', 'b'], budget: 1_250_000 })).json();
      expect(u.version).toBe(2);
      const trail = (await admin.get(`/api/v1/audit?recordId=${p.id}`)).json();
      expect(trail.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
      const [update, create] = trail.items;
      expect(update).toMatchObject({ actorName: 'Ada Auditor', actorId: admin.userId, recordType: 'project', recordLabel: 'Second name' });
      expect(update.changes).toEqual([
        { field: 'budget', before: null, after: 1_250_000 },
        { field: 'name', before: 'First name', after: 'Second name' },
        { field: 'tags', before: ['a'], after: ['a', 'b'] },
      ]);
      expect(create.changes).toEqual(expect.arrayContaining([{ field: 'code', before: null, after: 'AUD-1' }]));
      expect(update.at >= create.at).toBe(true);
    });

    it('records deletions with the last values, readable by an organisation-wide reader', async () => {
      const pf = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'GONE', name: 'Short-lived' })).json();
      expect((await admin.delete(`/api/v1/portfolios/${pf.id}?version=1`)).statusCode).toBe(204);
      const trail = (await admin.get(`/api/v1/audit?recordId=${pf.id}`)).json();
      expect(trail.items[0]).toMatchObject({ action: 'delete', recordLabel: 'Short-lived' });
      expect(trail.items[0].changes).toEqual(expect.arrayContaining([{ field: 'name', before: 'Short-lived', after: null }]));
    });

    it('an update that changes nothing adds no event; a refused write adds none either', async () => {
      const pf = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'SAME', name: 'Same' })).json();
      await admin.patch(`/api/v1/portfolios/${pf.id}`, { version: 1, name: 'Same' });
      await admin.patch(`/api/v1/portfolios/${pf.id}`, { version: 1, name: 'x'.repeat(300) });
      const trail = (await admin.get(`/api/v1/audit?recordId=${pf.id}`)).json();
      expect(trail.items.map((e: { action: string }) => e.action)).toEqual(['create']);
    });

    it("reads the organisation's trail newest first, page by page", async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (await admin.get(`/api/v1/audit?organisationId=${h.organisationId}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      const all = await h.store.db.selectFrom('auditEvent').select('id').where('organisationId', '=', h.organisationId).orderBy('id', 'desc').execute();
      expect(seen).toEqual(all.map((r) => r.id));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('cannot be edited or deleted through the product', async () => {
      const writes = h.app.pharosRoutes.filter((r) => r.url.includes('audit') && r.method !== 'GET');
      expect(writes).toEqual([]);
      const event = (await admin.get(`/api/v1/audit?organisationId=${h.organisationId}&limit=1`)).json().items[0];
      for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
        const res = await admin.request(method, `/api/v1/audit/${event.id}`, method === 'DELETE' ? undefined : { changes: [] });
        expect(res.statusCode).toBe(404);
      }
    });

    it('is written in the same transaction as the change: a failing audit write undoes the change', async () => {
      const pf = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'TX', name: 'Transactional' })).json();
      // Break the audit table for one write: the update must not survive without its audit event.
      const { sql } = await import('kysely');
      await sql`alter table audit_event rename to audit_event_hidden`.execute(h.store.db);
      try {
        const res = await admin.patch(`/api/v1/portfolios/${pf.id}`, { version: 1, name: 'Renamed without audit' });
        expect(res.statusCode).toBe(500);
        expect(res.json().detail).not.toMatch(/audit_event/);
      } finally {
        await sql`alter table audit_event_hidden rename to audit_event`.execute(h.store.db);
      }
      expect((await admin.get(`/api/v1/portfolios/${pf.id}`)).json()).toMatchObject({ name: 'Transactional', version: 1 });
    });
  });
}
