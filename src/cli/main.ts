import { Command, CommanderError } from 'commander';
import { exitCode, PharosError } from '../domain/errors.js';
import { packageVersion } from './common.js';
import { registerDatabase } from './database.js';
import { registerLevel } from './level.js';
import { registerOptimise } from './optimise.js';
import { registerOrganisations } from './organisations.js';
import { registerSchedule } from './schedule.js';
import { registerServe } from './serve.js';
import { registerSimulate } from './simulate.js';
import { registerTokens } from './tokens.js';
import { registerTransfer } from './transfer.js';
import { registerUsers } from './users.js';

/** Exit code for a bad command line, whether commander or a command found it. */
export const USAGE_EXIT = 2;

const oneLine = (text: string): string => text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();

/** The `pharos` program. Errors are thrown, not printed, so {@link main} reports them one way. */
export function buildProgram(): Command {
  const program = new Command('pharos');
  // Settings first: subcommands copy them when they are created.
  program
    .description('Pharos, the open-source PMO platform')
    .version(packageVersion(), '-v, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: (text, write) => write(`pharos: ${oneLine(text)}\n`) });
  registerServe(program);
  registerDatabase(program);
  registerOrganisations(program);
  registerUsers(program);
  registerTokens(program);
  registerTransfer(program);
  registerSchedule(program);
  registerLevel(program);
  registerSimulate(program);
  registerOptimise(program);
  return program;
}

/**
 * Turns any failure into one line on stderr and an exit code: a PharosError uses its code's
 * exit status (2 bad input, 3 conflict, 4 not found or not allowed), a bad command line exits
 * 2, anything unexpected exits 1 (with the stack only when PHAROS_DEBUG is set).
 */
export function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander printed its message already (through outputError); help and --version exit 0.
    return error.exitCode === 0 ? 0 : USAGE_EXIT;
  }
  if (error instanceof PharosError) {
    process.stderr.write(`pharos: ${oneLine(error.message)}\n`);
    return exitCode(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`pharos: ${oneLine(message)}\n`);
  if (process.env.PHAROS_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}

/**
 * Runs the CLI on `argv` (as in `process.argv`) and resolves to the exit code. `serve`
 * resolves once the server listens; the process then lives until a signal stops it.
 */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  // `pharos export | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    await buildProgram().parseAsync([...argv]);
    return 0;
  } catch (error) {
    return report(error);
  }
}
