import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, unguardCell } from './cell-guard.js';
import type { ExportLookups, ImportLookups } from './columns.js';
import { readCsv, writeCsv } from './csv.js';
import { readRows } from './read-rows.js';
import { RISK_TABLE, type RiskRow } from './registers.js';
import type { Sheet } from './sheet.js';
import { sheetOf } from './write-rows.js';
import { readXlsx, writeXlsx } from './xlsx.js';

const scale = (labels: string[]) => labels.map((label) => ({ label }));
const P = scale(['Very low', 'Low', 'Medium', 'High', 'Very high']);
const lookups: ImportLookups = { probability: P, impact: P, userIdByEmail: (e) => (e.toLowerCase() === 'ada@example.test' ? 'u-ada' : undefined), projectIdByCode: () => undefined };
const sheetOfCells = (rows: string[][]): Sheet => ({ name: 'T', columns: [{ header: 'Key', kind: 'text', width: 5 }, { header: 'Text', kind: 'text', width: 5 }], rows: rows.map((r) => [...r]) });
/** Any text, including quotes, commas, line breaks, formulas, accents and astral characters. */
const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('"', ',', ';', '\n', '\r', '\r\n', "'", '=', '+', '-', '@', '\t', ' ', 'é', '🚀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 });

describe('the formula-injection guard', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(guardCell('=SUM(A1:A9)')).toBe(`'=SUM(A1:A9)`);
    expect(guardCell('+44 20 7946 0000')).toBe(`'+44 20 7946 0000`);
    expect(guardCell('-1')).toBe(`'-1`);
    expect(guardCell('@cmd')).toBe(`'@cmd`);
    expect(guardCell('plain = fine')).toBe('plain = fine');
  });

  it('never leaves a written cell starting with = + - @, and reading takes the guard back off exactly', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(guardCell(s)).not.toMatch(/^[=+\-@\t\r]/);
        expect(unguardCell(guardCell(s))).toBe(s);
      }),
    );
  });

  it("keeps text that starts with an apostrophe before a formula character apart from a guarded cell", () => {
    expect(guardCell(`'=x`)).toBe(`''=x`);
    expect(unguardCell(`''=x`)).toBe(`'=x`);
    expect(unguardCell(`'plain`)).toBe(`'plain`);
  });
});

describe('CSV', () => {
  it('round-trips arbitrary text through write and read unchanged', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 8 }), (texts) => {
        const rows = texts.map((t, i) => [`k${i}`, t]);
        const read = readCsv(writeCsv(sheetOfCells(rows)));
        expect(read.headers).toEqual(['Key', 'Text']);
        expect(read.rows.map((r) => r.cells)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a BOM, CRLF rows, and quotes commas, quotes and line breaks (RFC 4180)', () => {
    const text = writeCsv(sheetOfCells([['a,b', 'say "hi"\nthen']])).toString('utf8');
    expect(text).toBe('\uFEFFKey,Text\r\n"a,b","say ""hi""\nthen"\r\n');
  });

  it('reads semicolon-separated files and numbers rows as a spreadsheet does, skipping blank ones', () => {
    const t = readCsv(Buffer.from('Key;Text\r\n1;a\r\n;\r\n2;b\r\n'));
    expect(t.rows).toEqual([{ row: 2, cells: ['1', 'a'] }, { row: 4, cells: ['2', 'b'] }]);
  });
});

describe('XLSX', () => {
  it('round-trips text (line breaks as LF) through a workbook unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText.map((s) => s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')), { minLength: 1, maxLength: 4 }), async (texts) => {
        const rows = texts.map((t, i) => [`k${i}`, t]);
        const read = await readXlsx(await writeXlsx(sheetOfCells(rows), { creator: 'test', created: new Date(0) }));
        expect(read.rows.map((r) => r.cells)).toEqual(rows);
      }),
      { numRuns: 25 },
    );
  });
});

describe('reading register rows', () => {
  const table = (headers: string[], ...rows: string[][]) => ({ headers, rows: rows.map((cells, i) => ({ row: i + 2, cells })) });

  it('matches headers whatever their case and spacing, and reads ratings as labels or levels and owners by email', () => {
    const { records, problems } = readRows(table(['  title ', 'PROBABILITY', 'impact level', 'Owner Email'], ['Late', 'high', '2', 'ADA@example.test']), RISK_TABLE, lookups);
    expect(problems).toEqual([]);
    expect(records[0]!.values).toEqual({ title: 'Late', probability: 4, impact: 2, ownerId: 'u-ada' });
  });

  it('names the row and column of each cell it cannot read, and of a label and level that disagree', () => {
    const { problems } = readRows(table(['Title', 'Probability', 'Probability level', 'Escalate', 'Likelyhood'], ['A', 'Low', '3', 'maybe', '']), RISK_TABLE, lookups);
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual(['1:Likelyhood', '2:Probability level', '2:Escalate']);
  });

  it("writes the matrix's labels beside the levels, so an exported row reads back as the same record", () => {
    const risk: RiskRow = { ref: 'R-4', scopeCode: 'A', title: 'T', ownerId: 'u-ada', ownerName: 'Ada', escalate: false, escalation: null, version: 2, kind: 'threat', cause: '', event: '', effect: '', category: null, probability: 5, impact: 1, score: 5, band: 'Medium', residualProbability: null, residualImpact: null, residualScore: null, residualBand: null, proximity: '2026-05-01', responseStrategy: null, response: '', status: 'open', reviewedOn: '2026-03-02', openActions: 0, overdueActions: 0 };
    const out: ExportLookups = { probability: P, impact: P, emailOf: (id) => (id === 'u-ada' ? 'ada@example.test' : null), taskUidOf: () => null, refOf: () => null };
    const sheet = sheetOf(RISK_TABLE, [risk], out);
    const cell = (h: string) => sheet.rows[0]![sheet.columns.findIndex((c) => c.header === h)];
    expect([cell('Probability'), cell('Probability level'), cell('Impact'), cell('Owner email')]).toEqual(['Very high', 5, 'Very low', 'ada@example.test']);
    const back = readRows(readCsv(writeCsv(sheet)), RISK_TABLE, lookups);
    expect(back.problems).toEqual([]);
    expect(back.records[0]!.values).toMatchObject({ ref: 'R-4', version: 2, title: 'T', probability: 5, impact: 1, ownerId: 'u-ada', category: null, residualProbability: null, proximity: '2026-05-01', escalate: false, status: 'open', kind: 'threat' });
  });
});
