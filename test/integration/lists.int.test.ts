import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

type Page = { items: { id: string; code: string; name: string; plannedStart: string | null; stage: string; aligned: boolean }[]; nextCursor: string | null };

for (const dialect of DIALECTS) {
  describe(`[${dialect}] lists: cursor pagination, filtering and sorting`, () => {
    let h: Harness;
    let admin: Client;
    let portfolioId: string;
    const names = ['Zeta', 'alpha', 'Beta', 'Émile', 'beta', 'Gamma', 'Delta', 'Alpha', 'Omega', 'Kappa', 'Lambda', 'Mu'];

    beforeAll(async () => {
      h = await startHarness(dialect);
      admin = await h.userWith([{ role: 'administrator' }]);
      portfolioId = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'LST', name: 'Lists' })).json().id;
      const objective = (await admin.post('/api/v1/objectives', { organisationId: h.organisationId, code: 'OB', name: 'Objective' })).json().id;
      for (const [i, name] of names.entries()) {
        const p = (await admin.post('/api/v1/projects', {
          portfolioId,
          code: `L-${String(i).padStart(2, '0')}`,
          name,
          plannedStart: i % 3 === 0 ? null : `2027-0${(i % 9) + 1}-01`,
          tags: i % 2 ? ['odd'] : ['even', '100%'],
        })).json();
        if (i % 4 === 0) await admin.post(`/api/v1/projects/${p.id}/contributions`, { objectiveId: objective });
      }
    });
    afterAll(() => h.close());

    async function all(query: string, limit: number): Promise<Page['items']> {
      const out: Page['items'] = [];
      let cursor: string | null = null;
      let guard = 0;
      do {
        const res = await admin.get(`/api/v1/projects?portfolioId=${portfolioId}&limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as Page;
        expect(page.items.length).toBeLessThanOrEqual(limit);
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && ++guard < 100);
      return out;
    }

    it('pages through every project exactly once in name order (code-point order, the same on both dialects)', async () => {
      for (const limit of [1, 5, 12, 50]) {
        const items = await all('&sort=name', limit);
        expect(items.map((p) => p.name)).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }
    });

    it('sorts descending and by dates with blanks last, paging stably through ties', async () => {
      const desc = await all('&sort=-name', 4);
      expect(desc.map((p) => p.name)).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
      const byStart = await all('&sort=plannedStart', 2);
      const starts = byStart.map((p) => p.plannedStart ?? '9999-12-31');
      expect(starts).toEqual([...starts].sort());
      expect(new Set(byStart.map((p) => p.id)).size).toBe(names.length);
    });

    it('puts blank dates and budgets last in both directions', async () => {
      for (const sort of ['plannedStart', '-plannedStart']) {
        const items = await all(`&sort=${sort}`, 3);
        const blanks = items.map((p) => p.plannedStart === null);
        expect(blanks, sort).toEqual([...blanks].sort((a, b) => Number(a) - Number(b)));
        const dated = items.filter((p) => p.plannedStart !== null).map((p) => p.plannedStart!);
        expect(dated).toEqual(sort.startsWith('-') ? [...dated].sort().reverse() : [...dated].sort());
      }
    });

    it('sorts stages in lifecycle order, not alphabetically, and budgets numerically', async () => {
      const stages = ['closure', 'delivery', 'initiation', 'planning'];
      const budgets = [5, 300_000, 40_000, null];
      const objective = (await admin.post('/api/v1/objectives', { organisationId: h.organisationId, code: 'OB-S', name: 'For stages' })).json().id;
      const pf = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'STG', name: 'Stages' })).json().id;
      for (const [i, stage] of stages.entries()) {
        const p = (await admin.post('/api/v1/projects', { portfolioId: pf, code: `S-${i}`, name: `Stage ${i}`, budget: budgets[i] })).json();
        await admin.post(`/api/v1/projects/${p.id}/contributions`, { objectiveId: objective });
        expect((await admin.patch(`/api/v1/projects/${p.id}`, { version: 1, stage })).statusCode).toBe(200);
      }
      const byStage = (await admin.get(`/api/v1/projects?portfolioId=${pf}&sort=stage&limit=2`)).json();
      const next = (await admin.get(`/api/v1/projects?portfolioId=${pf}&sort=stage&limit=2&cursor=${encodeURIComponent(byStage.nextCursor)}`)).json();
      expect([...byStage.items, ...next.items].map((p: { stage: string }) => p.stage)).toEqual(['initiation', 'planning', 'delivery', 'closure']);
      const byBudget = (await admin.get(`/api/v1/projects?portfolioId=${pf}&sort=-budget&limit=1`)).json();
      const rest = (await admin.get(`/api/v1/projects?portfolioId=${pf}&sort=-budget&limit=10&cursor=${encodeURIComponent(byBudget.nextCursor)}`)).json();
      expect([...byBudget.items, ...rest.items].map((p: { budget: number | null }) => p.budget)).toEqual([300_000, 40_000, 5, null]);
    });

    it('filters by alignment, tag and text, combined with paging', async () => {
      const aligned = await all('&aligned=true', 2);
      expect(aligned.map((p) => p.code).sort()).toEqual(['L-00', 'L-04', 'L-08']);
      const unaligned = await all('&aligned=false', 2);
      expect(unaligned).toHaveLength(names.length - 3);
      expect(unaligned.every((p) => !p.aligned)).toBe(true);
      const tagged = await all(`&tag=${encodeURIComponent('100%')}`, 3);
      expect(tagged).toHaveLength(6);
      const text = await all('&q=ALPHA', 10);
      expect(text.map((p) => p.name).sort()).toEqual(['Alpha', 'alpha']);
    });

    it('lists each project exactly as reading it alone does, and as the schema says', async () => {
      const tricky = (await admin.post('/api/v1/projects', {
        portfolioId,
        code: 'L-JSON',
        name: 'Quotes " and \\ backslash, 🚀 ünïcode',
        description: 'line one\nline two\t<b>bold</b> \u0001',
        budget: 123_456_789_012,
        plannedStart: '2027-01-04',
        plannedFinish: '2027-12-31',
        tags: ['a "quoted" tag', 'ü'],
        managerId: admin.userId,
      })).json();
      expect(tricky.code).toBe('L-JSON');
      const items = await all('&sort=code', 7);
      expect(items).toHaveLength(names.length + 1);
      const { Project } = await import('../../src/api/schemas/project.schema.js');
      for (const item of items) {
        const alone = (await admin.get(`/api/v1/projects/${item.id}`)).json();
        expect(item).toStrictEqual(alone);
        expect(Project.strict().parse(item)).toStrictEqual(item);
      }
      expect(items.find((p) => p.code === 'L-JSON')).toMatchObject({ name: tricky.name, aligned: false });
      expect(items.filter((p) => p.aligned).length).toBe(3);
    });

    it('refuses a cursor made for another sort order', async () => {
      const first = (await admin.get(`/api/v1/projects?portfolioId=${portfolioId}&limit=2&sort=name`)).json() as Page;
      const res = await admin.get(`/api/v1/projects?portfolioId=${portfolioId}&limit=2&sort=code&cursor=${encodeURIComponent(first.nextCursor!)}`);
      expect(res.statusCode).toBe(422);
      expect(res.json().detail).toContain('cursor');
    });

    it('summarises a portfolio: counts by stage and state, unaligned projects', async () => {
      const s = (await admin.get(`/api/v1/portfolios/${portfolioId}/summary`)).json();
      expect(s.projectCount).toBe(names.length + 1);
      expect(s.byStage.proposal).toBe(names.length + 1);
      expect(s.byState.active).toBe(names.length + 1);
      expect(s.unalignedCount).toBe(names.length + 1 - 3);
      expect(s.unaligned).toHaveLength(names.length + 1 - 3);
    });

    it('lists portfolios and programmes with the same paging rules', async () => {
      for (let i = 0; i < 5; i++) await admin.post('/api/v1/programmes', { portfolioId, code: `PG-${i}`, name: `Programme ${5 - i}` });
      const first = (await admin.get(`/api/v1/programmes?portfolioId=${portfolioId}&limit=2`)).json();
      const second = (await admin.get(`/api/v1/programmes?portfolioId=${portfolioId}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
      expect([...first.items, ...second.items].map((p: { name: string }) => p.name)).toEqual(['Programme 1', 'Programme 2', 'Programme 3', 'Programme 4']);
      const pfs = (await admin.get(`/api/v1/portfolios?organisationId=${h.organisationId}&sort=-code`)).json();
      expect(pfs.items.map((p: { code: string }) => p.code)).toEqual(['STG', 'LST']);
    });
  });
}
