import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/io/raid-table/index.js';
import { hasChromium, startE2e, type E2e } from './support.js';

describe.skipIf(!hasChromium)('risk register import and export', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('previews an import with its problems by row and column, imports the fixed file, and downloads the register as Excel', async () => {
    const { page } = await e2e.open('admin');
    const project = e2e.fixture.projects['DIG-010'] as string;
    const email = e2e.fixture.users.admin.email;
    await page.goto(`/projects/${project}/raid`);
    await page.getByText('No open risks').waitFor();

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import risks' });
    const header = 'Title,Probability,Impact,Owner email,Proximity';
    const bad = [header, `Vendor lock-in,High,Medium,${email},2026-06-30`, 'Data loss in migration,Very high,High,,', 'Schema drift,Often,Low,,'].join('\r\n');
    let chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose a file' }).click();
    await (await chooser).setFiles({ name: 'risks.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const problems = dialog.getByRole('table', { name: 'Problems' });
    await problems.waitFor();
    const problem = problems.locator('tbody tr');
    expect(await problem.count()).toBe(1);
    expect(await problem.locator('td').allTextContents()).toEqual(['4', 'Probability', expect.stringMatching(/^must be a level from 1 to 5 or one of the matrix's labels/)]);
    await dialog.getByText('1 problem: nothing can be imported until each is fixed').waitFor();
    expect(await dialog.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
    await e2e.screenshot(page, 'raid-import-laptop', { fullPage: false });

    chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose another file' }).click();
    await (await chooser).setFiles({ name: 'risks.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.replace('Often', 'Low')) });
    await dialog.getByText('Ready to import').waitFor();
    await dialog.getByText('3 new risks · 0 updates · 0 unchanged').waitFor();
    await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
    await dialog.getByText('Done: 3 new risks · 0 updates · 0 unchanged').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const table = page.getByRole('table', { name: 'Risks' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    await table.locator('tbody tr', { hasText: 'Vendor lock-in' }).waitFor();

    await page.getByRole('button', { name: 'Export' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Excel (.xlsx)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('DIG-010-risks-2026-03-02.xlsx');
    const sheet = await readXlsx(readFileSync((await file.path())!));
    const title = sheet.headers.indexOf('Title');
    expect(sheet.rows.map((r) => r.cells[title]).sort()).toEqual(['Data loss in migration', 'Schema drift', 'Vendor lock-in']);
    const owner = sheet.rows.find((r) => r.cells[title] === 'Vendor lock-in')!;
    expect(owner.cells[sheet.headers.indexOf('Owner email')]).toBe(email);
  });
});
