import { Option, type Command } from 'commander';
import { PMO_MODES, type PmoMode } from '../domain/structure/index.js';
import { slugOf } from '../services/first-admin.js';
import { createOrganisation } from '../services/organisations.js';
import { intOption, systemContext, withDatabase, withStore } from './common.js';

type OrgCreateOptions = { name: string; slug?: string; pmoMode: PmoMode; currency: string; fiscalYearStart: number; database?: string };

/** `pharos org create`: organisations are made from the command line (or on first start). */
export function registerOrganisations(program: Command): void {
  const org = program.command('org').description('organisations');
  withDatabase(
    org
      .command('create')
      .description('create an organisation')
      .requiredOption('--name <name>', 'its name, e.g. "Contoso Group"')
      .option('--slug <slug>', 'short name used by other commands (default: from the name)')
      .addOption(new Option('--pmo-mode <mode>', 'how the PMO runs').choices(PMO_MODES).default('controlling'))
      .option('--currency <code>', 'ISO 4217 currency of budgets', 'GBP')
      .option('--fiscal-year-start <month>', 'first month of the fiscal year, 1–12', intOption('--fiscal-year-start', 1, 12), 4),
  ).action(async (options: OrgCreateOptions) => {
    await withStore(options, async (store) => {
      const created = await createOrganisation(systemContext(store), {
        name: options.name,
        slug: options.slug ?? slugOf(options.name),
        pmoMode: options.pmoMode,
        currency: options.currency.toUpperCase(),
        fiscalYearStartMonth: options.fiscalYearStart,
      });
      console.log(`Created organisation ${created.name} (slug ${created.slug}, ${created.pmoMode} mode).`);
    });
  });
}
