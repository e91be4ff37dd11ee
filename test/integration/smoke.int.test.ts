import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Harness } from '../support/harness.js';

for (const dialect of DIALECTS) {
  describe(`[${dialect}] a signed-in administrator`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(dialect);
    });
    afterAll(() => h.close());

    it('creates a portfolio, a programme and a project, and reads them back', async () => {
      const admin = await h.userWith([{ role: 'administrator' }]);
      const pf = await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'DIG', name: 'Digital' });
      expect(pf.statusCode, pf.body).toBe(201);
      const pg = await admin.post('/api/v1/programmes', { portfolioId: pf.json().id, code: 'CX', name: 'Customer Experience' });
      expect(pg.statusCode, pg.body).toBe(201);
      const pj = await admin.post('/api/v1/projects', { programmeId: pg.json().id, code: 'CX-001', name: 'New web shop', plannedStart: '2027-01-04', plannedFinish: '2027-06-30', tags: ['web'] });
      expect(pj.statusCode, pj.body).toBe(201);
      expect(pj.json()).toMatchObject({ portfolioId: pf.json().id, stage: 'proposal', aligned: false, version: 1 });
      const list = await admin.get(`/api/v1/projects?portfolioId=${pf.json().id}`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((p: { code: string }) => p.code)).toEqual(['CX-001']);
    });
  });
}
