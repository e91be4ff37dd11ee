import { renameSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { exportOrganisation, importOrganisation } from '../services/transfer.js';
import { progressOn, readInputFile, resolveOrganisation, systemContext, usage, withDatabase, withProgress, withStore } from './common.js';

type ExportOptions = { org?: string; out?: string; database?: string; progress?: boolean };
type ImportOptions = { database?: string; progress?: boolean };

/** `pharos export` and `pharos import`: move an organisation between databases. */
export function registerTransfer(program: Command): void {
  withProgress(
    withDatabase(
      program
        .command('export')
        .description('write one organisation, with its people and audit trail, as JSON (for import elsewhere)')
        .option('--org <slug>', 'the organisation (default: the only one)')
        .option('--out <file>', 'write to this file instead of stdout'),
    ),
  ).action(async (options: ExportOptions) => {
    await withStore(options, async (store) => {
      const org = await resolveOrganisation(store, options.org);
      const progress = progressOn('export', options.progress);
      const doc = await exportOrganisation(store.db, org.id, (p) => progress.update(p)).finally(() => progress.finish());
      const text = `${JSON.stringify(doc, null, 1)}\n`;
      if (options.out) {
        // Write beside the target and rename, so an interrupted export never leaves half a file.
        const partial = `${options.out}.partial`;
        writeFileSync(partial, text);
        renameSync(partial, options.out);
        console.error(`Exported ${org.name} (${doc.projects.length} projects, ${doc.users.length} people, ${doc.auditEvents.length} audit events) to ${options.out}.`);
      } else {
        process.stdout.write(text);
      }
    });
  });

  withProgress(
    withDatabase(
      program
        .command('import')
        .description('import an organisation exported with "pharos export" (FILE, or - for stdin), in one transaction')
        .argument('<file>', 'the export file, or - to read stdin'),
    ),
  ).action(async (file: string, options: ImportOptions) => {
    const text = await readInputFile(file);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (e) {
      throw usage(`${file === '-' ? 'stdin' : file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    await withStore(options, async (store) => {
      const progress = progressOn('import', options.progress);
      const ctx = systemContext(store, 'import');
      const result = await importOrganisation(store.db, document, (p) => progress.update(p), { actor: ctx.actor }).finally(() => progress.finish());
      const n = result.inserted;
      console.log(
        `Imported ${result.name} (${result.slug}) into ${store.location}: ${n.portfolios} portfolios, ${n.programmes} programmes, ${n.projects} projects, ` +
          `${n.objectives} objectives, ${n.users} people${result.existingUsers ? ` (+${result.existingUsers} already here)` : ''}, ${n.auditEvents} audit events.`,
      );
    });
  });
}
