/** `npm run data -- pull [--series a,b]` */
import { parseSeriesMeta } from '../../core/dataset.ts';
import { formatDay, parseDay, type Day } from '../../core/dates.ts';
import { WITHDRAWN } from '../../core/observation-log.ts';
import { ADAPTERS, FeedError, httpOptionsFromEnv, type FeedPoint } from '../../feeds/index.ts';
import { resolveFiscalQuery } from '../../feeds/fiscaldata.ts';
import { powerOfTen, shiftDecimal } from '../../feeds/types.ts';
import { planAppend, type Incoming } from '../append.ts';
import { checkSeriesId, commitAppend, loadData, targetSeries, type LoadedData } from '../data-state.ts';
import { CliError, parseCommandLine, today, usageError, type CliContext } from '../shared.ts';
import { describePlan } from './report.ts';

export const PULL_USAGE = `Usage: npm run data -- pull [--series id,id,...]

Fetches fresh observations for every series whose YAML declares a feed, e.g.
  pull: {from: fred, id: DEXJPUS}
and appends what is new or revised, with today as the vintage. Feeds: fred (needs FRED_API_KEY),
defillama, fiscaldata, cftc, nyfed. A feed that fails leaves its series exactly as it was; the
others still update; the command then lists what failed and exits with status 1.

Options:
  --series id,id   only these series (default: every series with a pull block)
  -h, --help       show this help

Environment:
  FRED_API_KEY               your FRED API key (https://fred.stlouisfed.org/docs/api/api_key.html)
  ASOF_FEED_TIMEOUT_MS       per-request timeout (default 30000)
  ASOF_FEED_RETRIES          retries after a timeout, a dropped connection, 429 or 5xx (default 2)
  ASOF_FEED_BASE_<FEED>      another base URL for a feed, e.g. a mirror or a test server`;

export async function runPull(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { series: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, PULL_USAGE);
  if (values.help) {
    ctx.out(PULL_USAGE);
    return 0;
  }
  if (positionals.length) throw usageError(`unexpected argument "${positionals[0]}"`, PULL_USAGE);
  const now = today(ctx.env);
  let http;
  try {
    http = httpOptionsFromEnv(ctx.env);
  } catch (e) {
    throw new CliError((e as Error).message, [], 2);
  }
  const data = loadData(ctx.root);

  const withFeed = data.input.series.filter((s) => s.yamlText !== undefined && parseSeriesMeta(s.yamlPath, s.yamlText).meta?.pull).map((s) => s.id);
  let ids: string[];
  if (values.series !== undefined) {
    ids = [...new Set(values.series.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
    if (!ids.length) throw usageError('--series needs at least one id', PULL_USAGE);
    for (const id of ids) {
      checkSeriesId(id);
      if (!data.input.series.some((s) => s.id === id && s.yamlText !== undefined)) throw new CliError(`unknown series "${id}": there is no data/series/${id}.yaml`);
    }
  } else {
    ids = withFeed;
    if (!ids.length) {
      ctx.out('No series declares a feed (a `pull:` line in data/series/<id>.yaml); nothing to pull.');
      return 0;
    }
  }

  const failed: { id: string; reason: string }[] = [];
  let updated = 0;
  for (const [i, id] of ids.entries()) {
    const prefix = `[${i + 1}/${ids.length}] ${id}`;
    try {
      const line = await pullOne(ctx, data, id, now, { ...http, onRetry: (m) => ctx.out(`${' '.repeat(prefix.length)}  ${m}`) }, prefix);
      ctx.out(line.text);
      if (line.changed) updated++;
    } catch (e) {
      const reason = e instanceof FeedError || e instanceof CliError ? [e.message, ...(e instanceof CliError ? e.details : [])].join('\n    ') : `unexpected failure: ${(e as Error).stack ?? String(e)}`;
      ctx.out(`${prefix}: FAILED, left unchanged: ${reason}`);
      failed.push({ id, reason: reason.split('\n')[0]! });
    }
  }
  ctx.out(`pulled ${ids.length} series: ${updated} updated, ${ids.length - updated - failed.length} unchanged, ${failed.length} failed`);
  if (failed.length) {
    ctx.err(`error: ${failed.length} series failed and were left exactly as they were:`);
    for (const f of failed) ctx.err(`  ${f.id}: ${f.reason}`);
    return 1;
  }
  return 0;
}

async function pullOne(
  ctx: CliContext,
  data: LoadedData,
  id: string,
  now: Day,
  http: ReturnType<typeof httpOptionsFromEnv>,
  prefix: string,
): Promise<{ text: string; changed: boolean }> {
  const target = targetSeries(data, id);
  const pull = target.meta.pull;
  if (!pull) throw new CliError(`data/series/${id}.yaml has no pull block, so there is no feed to read`, ['Add e.g. `pull: {from: fred, id: DEXJPUS}`, or update it with `npm run data -- import` or `record`']);
  ctx.out(`${prefix}: ${pull.from} ${pull.id}${pull.field ? ` (${pull.field})` : ''}${pull.scale !== undefined ? ` x ${pull.scale}` : ''} ...`);
  const points: FeedPoint[] = await ADAPTERS[pull.from]({ series: id, pull, today: formatDay(now), env: ctx.env, http });
  if (!points.some((p) => p.value !== null)) throw noValues(pull, id, points.length);

  const incoming: Incoming[] = [];
  let future = 0;
  const exp = pull.scale === undefined ? 0 : powerOfTen(pull.scale);
  for (const p of points) {
    const date = parseDay(p.date);
    if (date === undefined) throw new FeedError(pull.from, id, `observation date ${p.date} is not a calendar date`);
    // A point dated after today (a feed in a time zone ahead of yours) is not known on today's vintage yet.
    if (date > now) {
      future++;
      continue;
    }
    // A date the feed lists with no value (FRED's ".") withdraws the log's current value, if any.
    if (p.value === null) {
      incoming.push({ date, value: WITHDRAWN, vintage: now, where: `${pull.from} ${p.date}` });
      continue;
    }
    // pull.scale puts the feed's unit into the series' (dollars to billions: 1e-9), exactly.
    incoming.push({ date, value: exp ? shiftDecimal(p.value, exp) : p.value, vintage: now, where: `${pull.from} ${p.date}` });
  }
  const plan = planAppend({ csvPath: target.files.csvPath, meta: target.meta, rows: target.rows, floor: target.floor, today: now }, incoming);
  if (plan.problems.length) {
    throw new CliError(`the feed's values cannot be appended to ${target.files.csvPath}:`, plan.problems.slice(0, 10).map((p) => `  ${p}`));
  }
  if (plan.text !== '') commitAppend(data, target, plan.text);
  const skipped = future ? ` (${future} dated after today skipped; pull again tomorrow)` : '';
  return { text: `${prefix}: ${describePlan(target.files.csvPath, plan, incoming.length)}${skipped}`, changed: plan.text !== '' };
}

/** An empty answer names what was asked: the column for feeds that read one, else the id. */
function noValues(pull: { from: string; id: string; field?: string | undefined }, id: string, listed: number): FeedError {
  if (pull.from === 'fiscaldata') {
    const column = resolveFiscalQuery(id, pull.id, pull.field).field;
    const bills = column === 'high_yield' && /security_type=Bill/.test(pull.id) ? ' (bills have no high_yield: use pull.field high_investment_rate or high_discnt_rate)' : '';
    return new FeedError(pull.from, id, `no row of ${pull.id} has a value in column "${column}"${bills}; check pull.field (the column) and the filters in pull.id`);
  }
  return new FeedError(pull.from, id, `the response has no observations for ${pull.id}${listed ? ` (${listed} listed without a value)` : ''}; check pull.id`);
}
