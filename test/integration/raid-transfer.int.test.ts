import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/raid-table/index.js';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Report = { dryRun: boolean; created: number; updated: number; unchanged: number; rows: { row: number; action: string; ref: string | null }[]; problems: { row: number; column: string; reason: string; field: string }[] };

/** The CSV's rows as objects by header, leaving out the columns that name the copy rather than its content. */
const contentOf = (csv: Buffer, leaveOut = ['Ref', 'Scope', 'Version']) => {
  const t = readCsv(csv);
  return t.rows.map((r) => Object.fromEntries(t.headers.map((h, i) => [h, r.cells[i]]).filter(([h]) => !leaveOut.includes(h as string))));
};

for (const dialect of DIALECTS) {
  describe(`[${dialect}] RAID registers to and from CSV and XLSX`, () => {
    let h: Harness;
    let admin: Client & { cookie: string; csrf: string };
    let ids: Record<'pf' | 'ALPHA' | 'GAMMA' | 'DELTA' | 'task' | 'r1', string>;
    let ownerEmail: string;
    const now = new Date('2026-03-02T09:00:00Z');
    const send = (who: { cookie: string; csrf: string }, url: string, body: Buffer | string, type = 'text/csv') =>
      h.app.inject({ method: 'POST', url, cookies: { pharos_session: who.cookie }, headers: { 'x-csrf-token': who.csrf, 'content-type': type }, payload: body });
    const download = (url: string) => h.app.inject({ method: 'GET', url, cookies: { pharos_session: admin.cookie } });
    const count = async (path: string, project: string) => ((await admin.get(`/api/v1/${path}?scopeType=project&scopeId=${project}&limit=500`)).json().items as unknown[]).length;

    beforeAll(async () => {
      h = await startHarness(dialect, { clock: () => now });
      const first = await h.userWith([{ role: 'administrator' }], 'Ada Admin');
      const me = (await first.get('/api/v1/auth/me')).json();
      admin = await h.signIn(me.user.email);
      ownerEmail = me.user.email;
      const post = async (url: string, body: object) => {
        const res = await admin.post(url, body);
        expect(res.statusCode, res.body).toBe(201);
        return res.json();
      };
      ids = {} as typeof ids;
      ids.pf = (await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'NET', name: 'Network' })).id;
      for (const code of ['ALPHA', 'GAMMA', 'DELTA'] as const) ids[code] = (await post('/api/v1/projects', { portfolioId: ids.pf, code, name: `Project ${code}`, plannedStart: '2026-03-02' })).id;
      const task = await admin.post(`/api/v1/projects/${ids.ALPHA}/schedule/tasks`, { name: 'Commission', durationMinutes: 480 });
      ids.task = task.json().record.id;
      const scope = { scopeType: 'project', scopeId: ids.ALPHA };
      const r1 = await post('/api/v1/risks', { ...scope, title: 'Transformer, "the big one", late', cause: 'One supplier\nfull order book', event: 'Slips', effect: 'Outage moves', category: 'Supply', ownerId: first.userId, probability: 3, impact: 4, residualProbability: 2, residualImpact: 3, proximity: '2026-05-01', responseStrategy: 'reduce', response: 'Expedite', escalate: true });
      await post('/api/v1/risks', { ...scope, title: '=HYPERLINK("http://evil.example","click")', probability: 1, impact: 2, kind: 'opportunity', responseStrategy: 'exploit', response: '-fast track' });
      const closed = await post('/api/v1/risks', { ...scope, title: 'Crane not available', probability: 2, impact: 2 });
      expect((await admin.patch(`/api/v1/risks/${closed.id}`, { version: closed.version, status: 'closed' })).statusCode).toBe(200);
      ids.r1 = r1.id;
      const issue = await post('/api/v1/issues', { ...scope, title: 'Café permit refused', description: 'Zoning ü', severity: 4, priority: 'high', due: '2026-04-01', ownerId: first.userId });
      expect((await admin.patch(`/api/v1/issues/${issue.id}`, { version: issue.version, status: 'resolved', resolution: 'Appealed; granted' })).statusCode).toBe(200);
      const assumption = await post('/api/v1/assumptions', { ...scope, title: 'Grid stays up', due: '2026-06-01', validatorId: first.userId });
      expect((await admin.patch(`/api/v1/assumptions/${assumption.id}`, { version: assumption.version, status: 'valid', outcome: 'Confirmed by the operator' })).statusCode).toBe(200);
      const dep = await post('/api/v1/dependencies', { ...scope, title: 'Needs DELTA cut-over', direction: 'inbound', otherProjectId: ids.DELTA, status: 'agreed', due: '2026-07-01' });
      const decision = await post('/api/v1/decisions', { ...scope, title: 'Which supplier?', options: ['Siemens', 'ABB, via the framework'], links: [{ type: 'risk', id: r1.id }, { type: 'dependency', id: dep.id }] });
      expect((await admin.patch(`/api/v1/decisions/${decision.id}`, { version: decision.version, status: 'decided', decision: 'ABB', rationale: 'Lead time', decidedBy: 'Board', decidedOn: '2026-03-01' })).statusCode).toBe(200);
    });
    afterAll(() => h.close());

    it('exports the risk register as RFC 4180 CSV with a BOM, matrix labels, owner emails, ISO dates and guarded formulas', async () => {
      const res = await download(`/api/v1/risks/export?scopeType=project&scopeId=${ids.ALPHA}&include=own&format=csv`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="ALPHA-risks-2026-03-02.csv"');
      const bytes = res.rawPayload;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text).toContain('"Transformer, ""the big one"", late"');
      expect(text).toContain(`'=HYPERLINK(`);
      expect(text).toContain(`'-fast track`);
      const rows = contentOf(bytes, []);
      const big = rows.find((r) => r.Title === 'Transformer, "the big one", late')!;
      expect(big).toMatchObject({ Ref: 'R-1', Scope: 'ALPHA', Probability: 'Medium', 'Probability level': '3', Impact: 'High', 'Impact level': '4', Score: '12', Band: 'High', 'Residual probability': 'Low', 'Residual impact level': '3', Proximity: '2026-05-01', 'Owner email': ownerEmail, Owner: 'Ada Admin', Cause: 'One supplier\nfull order book', Escalate: 'yes', Status: 'open', Version: '1' });
      expect(rows.find((r) => r.Title?.startsWith('=HYPERLINK'))).toBeDefined();
    });

    it('honours the list filters: status=open leaves the closed risk out', async () => {
      const all = contentOf((await download(`/api/v1/risks/export?scopeType=project&scopeId=${ids.ALPHA}`)).rawPayload);
      const open = contentOf((await download(`/api/v1/risks/export?scopeType=project&scopeId=${ids.ALPHA}&status=open`)).rawPayload);
      expect(all.map((r) => r.Title)).toContain('Crane not available');
      expect(open.map((r) => r.Title)).not.toContain('Crane not available');
      expect(open).toHaveLength(all.length - 1);
    });

    it('exports a real XLSX workbook: styled, frozen, filtered header and set column widths, with guarded formulas', async () => {
      const res = await download(`/api/v1/risks/export?scopeType=project&scopeId=${ids.ALPHA}&format=xlsx`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toBe('attachment; filename="ALPHA-risks-2026-03-02.xlsx"');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.name).toBe('Risks');
      expect(ws.getRow(1).getCell(1).value).toBe('Ref');
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.getColumn(4).width).toBe(40);
      const titles = ws.getColumn(4).values.slice(2);
      expect(titles).toContain(`'=HYPERLINK("http://evil.example","click")`);
      expect(ws.getRow(1).cellCount).toBeGreaterThan(20);
    });

    for (const [path, format] of [['risks', 'csv'], ['issues', 'xlsx'], ['assumptions', 'csv'], ['dependencies', 'xlsx'], ['decisions', 'csv']] as const) {
      it(`round-trips the ${path} register (${format}): export, dry run, import into an empty project, export again gives the same rows`, async () => {
        const exported = await download(`/api/v1/${path}/export?scopeType=project&scopeId=${ids.ALPHA}&format=${format}&sort=ref`);
        expect(exported.statusCode, exported.body).toBe(200);
        const type = format === 'csv' ? 'text/csv' : XLSX;
        const dry = await send(admin, `/api/v1/${path}/import?scopeType=project&scopeId=${ids.GAMMA}&dryRun=true`, exported.rawPayload, type);
        expect(dry.statusCode, dry.body).toBe(200);
        const report = dry.json() as Report;
        const n = await count(path, ids.ALPHA);
        expect(report).toMatchObject({ dryRun: true, created: n, updated: 0, unchanged: 0, problems: [] });
        expect(await count(path, ids.GAMMA)).toBe(0);
        const done = await send(admin, `/api/v1/${path}/import?scopeType=project&scopeId=${ids.GAMMA}`, exported.rawPayload, type);
        expect(done.statusCode, done.body).toBe(200);
        expect(done.json()).toMatchObject({ dryRun: false, created: n, problems: [] });
        const again = await download(`/api/v1/${path}/export?scopeType=project&scopeId=${ids.GAMMA}&format=csv&sort=ref`);
        const source = await download(`/api/v1/${path}/export?scopeType=project&scopeId=${ids.ALPHA}&format=csv&sort=ref`);
        expect(contentOf(again.rawPayload)).toEqual(contentOf(source.rawPayload));
      });
    }

    it('updates the item a row names, leaves unchanged rows alone, and audits the change', async () => {
      const csv = (await download(`/api/v1/risks/export?scopeType=project&scopeId=${ids.ALPHA}&sort=ref`)).rawPayload.toString('utf8');
      const edited = csv.replace('Expedite', 'Expedite and inspect at the factory');
      const res = await send(admin, `/api/v1/risks/import?scopeType=project&scopeId=${ids.ALPHA}`, edited);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
      const risk = (await admin.get(`/api/v1/risks/${ids.r1}`)).json();
      expect(risk).toMatchObject({ response: 'Expedite and inspect at the factory', version: 2 });
      const audit = (await admin.get(`/api/v1/audit?recordId=${ids.r1}`)).json();
      expect(audit.items[0]).toMatchObject({ action: 'update', recordType: 'risk' });
    });

    it('refuses a row exported at an older version, naming its row and the Version column, and keeps everything', async () => {
      const stale = (await download(`/api/v1/risks/export?scopeType=project&scopeId=${ids.ALPHA}&sort=ref`)).rawPayload.toString('utf8');
      const current = (await admin.get(`/api/v1/risks/${ids.r1}`)).json();
      expect((await admin.patch(`/api/v1/risks/${ids.r1}`, { version: current.version, category: 'Suppliers' })).statusCode).toBe(200);
      const res = await send(admin, `/api/v1/risks/import?scopeType=project&scopeId=${ids.ALPHA}`, stale.replace('Slips', 'Slips badly'));
      expect(res.statusCode, res.body).toBe(422);
      const problem = res.json();
      expect(problem.issues).toEqual([{ field: 'rows[2].Version', reason: expect.stringMatching(/^is 2 but R-1 is now at version 3/) }]);
      expect((await admin.get(`/api/v1/risks/${ids.r1}`)).json()).toMatchObject({ event: 'Slips', category: 'Suppliers', version: 3 });
    });

    it('imports all rows or none: bad rows are listed as rows[N].column with the reason, and nothing is written', async () => {
      const before = await count('risks', ids.DELTA);
      const file = ['Title,Probability,Impact level,Owner email,Proximity,Response strategy', 'Good one,Low,2,,,', 'Bad rating,Sometimes,2,,,', 'Bad owner,2,9,nobody@example.test,2026-02-30,', 'Wrong response,2,2,,,exploit'].join('\r\n');
      const res = await send(admin, `/api/v1/risks/import?scopeType=project&scopeId=${ids.DELTA}`, file);
      expect(res.statusCode, res.body).toBe(422);
      const fields = (res.json().issues as { field: string; reason: string }[]).map((i) => `${i.field}: ${i.reason}`);
      expect(fields).toEqual([
        expect.stringMatching(/^rows\[3\]\.Probability: must be a level from 1 to 5 or one of the matrix's labels \(Very low, Low/),
        'rows[4].Owner email: nobody@example.test is not the email of a member of this organisation',
        expect.stringMatching(/^rows\[5\]\.Response strategy: exploit is a response to an opportunity/),
      ]);
      expect(await count('risks', ids.DELTA)).toBe(before);
      const dry = (await send(admin, `/api/v1/risks/import?scopeType=project&scopeId=${ids.DELTA}&dryRun=true`, file)).json() as Report;
      expect(dry.problems.map((p) => p.field)).toEqual(['rows[3].Probability', 'rows[4].Owner email', 'rows[5].Response strategy']);
      expect(await count('risks', ids.DELTA)).toBe(before);
    });

    it("names the service's own rules on the row's column: a level above the matrix, a date that does not exist", async () => {
      const file = ['Title,Probability level,Impact,Proximity', 'Too high,2,9,2026-05-01', 'No such day,2,2,2026-02-30'].join('\n');
      const res = await send(admin, `/api/v1/risks/import?scopeType=project&scopeId=${ids.DELTA}&dryRun=true`, file);
      const problems = (res.json() as Report).problems.map((p) => `${p.field}: ${p.reason}`);
      expect(problems).toEqual([expect.stringMatching(/^rows\[2\]\.Impact: must be a level from 1 to 5/), 'rows[3].Proximity: February 2026 has 28 days']);
    });

    it('reports an unknown column on row 1 and reads headers case-insensitively', async () => {
      const res = await send(admin, `/api/v1/risks/import?scopeType=project&scopeId=${ids.DELTA}&dryRun=true`, 'TITLE,probability,IMPACT,Likelyhood\nA,1,1,x\n');
      const report = res.json() as Report;
      expect(report.problems).toEqual([{ row: 1, column: 'Likelyhood', field: 'rows[1].Likelyhood', reason: expect.stringMatching(/^is not a column of the risk register/) }]);
      expect(report.created).toBe(1);
    });

    it('lets no viewer import, not even a dry run; a team member may raise but not change items', async () => {
      const viewer = await h.userWith([{ role: 'viewer', scopeType: 'project', scopeId: ids.DELTA }]);
      const me = (await viewer.get('/api/v1/auth/me')).json();
      const v = await h.signIn(me.user.email);
      const file = 'Title,Probability,Impact\nFrom a viewer,1,1\n';
      expect((await send(v, `/api/v1/risks/import?scopeType=project&scopeId=${ids.DELTA}`, file)).statusCode).toBe(403);
      expect((await send(v, `/api/v1/risks/import?scopeType=project&scopeId=${ids.DELTA}&dryRun=true`, file)).statusCode).toBe(403);
      const member = await h.userWith([{ role: 'team-member', scopeType: 'project', scopeId: ids.ALPHA }]);
      const m = await h.signIn((await member.get('/api/v1/auth/me')).json().user.email);
      const csv = (await download(`/api/v1/risks/export?scopeType=project&scopeId=${ids.ALPHA}&sort=ref`)).rawPayload.toString('utf8').replace('Slips', 'Slipped');
      const res = await send(m, `/api/v1/risks/import?scopeType=project&scopeId=${ids.ALPHA}&dryRun=true`, `${csv}\r\n,,,New from a member,,,,,,,Low,,Low`);
      const report = res.json() as Report;
      expect(report.problems).toEqual([expect.objectContaining({ row: 2, column: 'Ref', reason: expect.stringMatching(/^you may not change R-1/) })]);
    });

    it('refuses a body that is not a file with 415, and a file it cannot read naming the file', async () => {
      const json = await admin.post(`/api/v1/risks/import?scopeType=project&scopeId=${ids.DELTA}`, { title: 'x' });
      expect(json.statusCode).toBe(415);
      const latin1 = Buffer.from('Title,Probability,Impact\nCaf\xe9,1,1\n', 'latin1');
      const res = await send(admin, `/api/v1/risks/import?scopeType=project&scopeId=${ids.DELTA}`, latin1);
      expect(res.statusCode).toBe(422);
      expect(res.json().detail).toMatch(/^file: the file is not UTF-8 text/);
    });
  });
}
