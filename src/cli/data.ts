/**
 * `npm run data -- <command>`: add, import, record, seal, verify, pull. Every command that writes
 * validates the whole input and the would-be state with the core first, then writes atomically.
 */
import { runAdd, ADD_USAGE } from './data/add.ts';
import { runImport, IMPORT_USAGE } from './data/import.ts';
import { runPull, PULL_USAGE } from './data/pull.ts';
import { runRecord, RECORD_USAGE } from './data/record.ts';
import { runSeal, SEAL_USAGE } from './data/seal.ts';
import { runVerify, VERIFY_USAGE } from './data/verify.ts';
import { guarded, runMain, usageError, type CliContext } from './shared.ts';

export const DATA_USAGE = `Usage: npm run data -- <command> [options]

Commands:
  add <id> --name --unit --frequency --source   create a series (its YAML and an empty log)
  import <file> --series <id>   append a CSV, FRED or ALFRED file to a series' log
  record <series> <date> <value>  append one observation typed by hand
  pull [--series a,b]           fetch fresh observations from each series' feed
  seal [--date YYYY-MM-DD]      write a snapshot sealing what is known on that date
  verify                        check all of data/ and list every problem

Run \`npm run data -- <command> --help\` for a command's options.`;

const COMMANDS: Record<string, { run: (args: string[], ctx: CliContext) => Promise<number>; usage: string }> = {
  import: { run: runImport, usage: IMPORT_USAGE },
  record: { run: runRecord, usage: RECORD_USAGE },
  pull: { run: runPull, usage: PULL_USAGE },
  seal: { run: runSeal, usage: SEAL_USAGE },
  verify: { run: runVerify, usage: VERIFY_USAGE },
  add: { run: runAdd, usage: ADD_USAGE },
};

export async function main(args: string[], ctx: CliContext): Promise<number> {
  return guarded(ctx, () => {
    const [name, ...rest] = args;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const usage = name === 'help' && rest[0] && COMMANDS[rest[0]] ? COMMANDS[rest[0]]!.usage : DATA_USAGE;
      (name === undefined ? ctx.err : ctx.out)(usage);
      return name === undefined ? 2 : 0;
    }
    const command = COMMANDS[name];
    if (!command) throw usageError(`unknown command "${name}"; the commands are ${Object.keys(COMMANDS).join(', ')}`, DATA_USAGE);
    return command.run(rest, ctx);
  });
}

if (import.meta.main) await runMain(main);
