/** `npm run data -- add <id> --name --unit --frequency --source [...]` */
import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadDataSet, parseSeriesMeta } from '../../core/dataset.ts';
import { LOG_HEADER } from '../../core/observation-log.ts';
import { DECIMAL } from '../../core/patterns.ts';
import { errorsOf } from '../../core/problems.ts';
import { DERIVE_OPS, FEEDS, FREQUENCIES } from '../../core/schema.ts';
import { FileExistsError, writeFileAtomic } from '../../io/write-atomic.ts';
import { checkSeriesId, loadData, problemLines } from '../data-state.ts';
import { CliError, parseCommandLine, usageError, type CliContext } from '../shared.ts';

export const ADD_USAGE = `Usage: npm run data -- add <id> --name <text> --unit <text> --frequency <f> --source <text> [options]

Creates data/series/<id>.yaml, checked by the same schema as every series, and an empty log
data/series/<id>.csv (just its header). A derived series (--derive) gets no log: it is computed.
An id that already exists is refused; a refused add writes nothing.

Required:
  --name <text>            display name, e.g. "USD/JPY"
  --unit <text>            unit of the values, e.g. "JPY per USD"
  --frequency <f>          ${FREQUENCIES.join(' | ')}
  --source <text>          provenance shown wherever the data is shown

Options:
  --kind status --states a,b,c   a status series and its states, in order
  --decimals <n>           display precision
  --stale-after <duration> how old a value may be before it is marked stale (14d, 6w, 3m)
  --illustrative           sample data, labelled as such
  --pull <feed>:<id>       the feed \`pull\` reads: ${FEEDS.join(', ')} (fred:DEXJPUS, cftc:043602)
  --field <column>         pull.field, the feed's column
  --pull-scale <10^k>      pull.scale, e.g. 0.001 (millions to billions)
  --derive <op>:<a,b>[:<window>]
                           a derived series: ${DERIVE_OPS.join(', ')}; e.g.
                           spread:sofr,fed-funds-upper   mean:bidask:5d   pct-change:cpi:12m
  --scale <number>         derive.scale, e.g. 100 (a ratio in percent)
  -h, --help               show this help

Example:
  npm run data -- add usdjpy --name USD/JPY --unit "JPY per USD" --frequency daily \\
    --source "Federal Reserve H.10" --pull fred:DEXJPUS`;

const OPTIONS = {
  name: { type: 'string' },
  unit: { type: 'string' },
  frequency: { type: 'string' },
  source: { type: 'string' },
  kind: { type: 'string' },
  states: { type: 'string' },
  decimals: { type: 'string' },
  'stale-after': { type: 'string' },
  illustrative: { type: 'boolean' },
  pull: { type: 'string' },
  field: { type: 'string' },
  'pull-scale': { type: 'string' },
  derive: { type: 'string' },
  scale: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A number flag: a plain decimal, never coerced from "1,000" or "1e3". */
function numberFlag(flag: string, text: string): number {
  if (!DECIMAL.test(text)) throw usageError(`${flag} "${text}" is not a plain decimal number`, ADD_USAGE);
  return Number(text);
}

/** `op:a,b[:window]` into the YAML's derive block. */
export function parseDeriveFlag(text: string): { op: string; of: string[]; window?: string } {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw usageError(`--derive "${text}" should be <op>:<series>[,<series>][:<window>], e.g. spread:sofr,fed-funds-upper or mean:bidask:5d`, ADD_USAGE);
  }
  const [op, of, window] = parts as [string, string, string | undefined];
  return { op, of: of.split(',').map((s) => s.trim()), ...(window !== undefined ? { window } : {}) };
}

export async function runAdd(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, ADD_USAGE);
  if (values.help) {
    ctx.out(ADD_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw usageError(positionals.length ? `expected one series id, got ${positionals.length}: ${positionals.join(' ')}` : 'which series? give its id, like usdjpy', ADD_USAGE);
  const id = positionals[0]!;
  checkSeriesId(id);
  for (const flag of ['name', 'unit', 'frequency', 'source'] as const) {
    if (values[flag] === undefined) throw usageError(`--${flag} is required`, ADD_USAGE);
  }
  if (values.states !== undefined && values.kind !== 'status') throw usageError('--states goes with --kind status', ADD_USAGE);
  if ((values.field !== undefined || values['pull-scale'] !== undefined) && values.pull === undefined) throw usageError('--field and --pull-scale go with --pull', ADD_USAGE);
  if (values.scale !== undefined && values.derive === undefined) throw usageError('--scale goes with --derive (for a feed\'s unit use --pull-scale)', ADD_USAGE);

  // Key order as the README documents a series; undefined keys are left out.
  const meta: Record<string, unknown> = { name: values.name, unit: values.unit, frequency: values.frequency };
  if (values.kind !== undefined) meta.kind = values.kind;
  if (values.states !== undefined) meta.states = values.states.split(',').map((s) => s.trim());
  meta.source = values.source;
  if (values.illustrative) meta.illustrative = true;
  if (values.decimals !== undefined) meta.decimals = numberFlag('--decimals', values.decimals);
  if (values.pull !== undefined) {
    const colon = values.pull.indexOf(':');
    if (colon <= 0 || colon === values.pull.length - 1) throw usageError(`--pull "${values.pull}" should be <feed>:<id>, e.g. fred:DEXJPUS`, ADD_USAGE);
    const pull: Record<string, unknown> = { from: values.pull.slice(0, colon), id: values.pull.slice(colon + 1) };
    if (values.field !== undefined) pull.field = values.field;
    if (values['pull-scale'] !== undefined) pull.scale = numberFlag('--pull-scale', values['pull-scale']);
    meta.pull = pull;
  }
  if (values.derive !== undefined) {
    const derive: Record<string, unknown> = parseDeriveFlag(values.derive);
    if (values.scale !== undefined) derive.scale = numberFlag('--scale', values.scale);
    meta.derive = derive;
  }
  if (values['stale-after'] !== undefined) meta.staleAfter = values['stale-after'];

  const yamlPath = `data/series/${id}.yaml`;
  const csvPath = `data/series/${id}.csv`;
  const yamlText = stringify(meta, { lineWidth: 0, flowCollectionPadding: false });
  const parsed = parseSeriesMeta(yamlPath, yamlText);
  if (!parsed.meta) {
    throw new CliError(
      `the series cannot be added (nothing was written):`,
      parsed.problems.map((p) => `  ${p.field ? `--${flagOf(p.field)}` : yamlPath}: ${p.message}`),
      2,
    );
  }

  const data = loadData(ctx.root);
  const taken = data.input.series.find((s) => s.id === id);
  if (taken || existsSync(join(ctx.root, yamlPath)) || existsSync(join(ctx.root, csvPath))) {
    throw new CliError(`series "${id}" already exists (${taken?.yamlText !== undefined || existsSync(join(ctx.root, yamlPath)) ? yamlPath : csvPath}); nothing was written`, [
      'Choose another id, or edit that file by hand',
    ]);
  }
  const derived = parsed.meta.derive !== undefined;
  const csvText = `${LOG_HEADER}\n`;
  // The whole data set with the new series, judged by the same core as the build.
  const wouldBe = loadDataSet({
    series: [...data.input.series, { id, yamlPath, yamlText, csvPath, ...(derived ? {} : { csvBytes: new TextEncoder().encode(csvText) }) }],
    snapshots: data.input.snapshots,
  });
  const errors = errorsOf(wouldBe.problems).filter((p) => p.file === yamlPath || p.file === csvPath);
  if (errors.length) throw new CliError(`the series cannot be added (nothing was written):`, problemLines(errors));

  const dir = join(ctx.root, 'data/series');
  mkdirSync(dir, { recursive: true });
  try {
    if (!derived) writeFileAtomic(join(ctx.root, csvPath), csvText, { overwrite: false });
    try {
      writeFileAtomic(join(ctx.root, yamlPath), yamlText, { overwrite: false });
    } catch (e) {
      if (!derived) unlinkSync(join(ctx.root, csvPath));
      throw e;
    }
  } catch (e) {
    if (e instanceof FileExistsError) throw new CliError(`series "${id}" appeared on disk while this command ran (nothing was written)`, ['Run the command again']);
    throw e;
  }
  ctx.out(`added ${yamlPath}${derived ? ' (derived: no log of its own)' : ` and an empty log ${csvPath}`}`);
  if (!derived) ctx.out(parsed.meta.pull ? 'Fill it with `npm run data -- pull --series ' + id + '`.' : 'Fill it with `npm run data -- import <file> --series ' + id + '` or `record`.');
  return 0;
}

/** The flag that sets a schema field, for messages. */
function flagOf(field: string): string {
  if (field.startsWith('pull.')) return field === 'pull.scale' ? 'pull-scale' : field === 'pull.field' ? 'field' : 'pull';
  if (field.startsWith('derive.')) return field === 'derive.scale' ? 'scale' : 'derive';
  if (field === 'staleAfter') return 'stale-after';
  return field.split('.')[0]!;
}
