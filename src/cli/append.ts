/**
 * Deciding what an import, a record or a pull appends to a series' log. Pure: no disk, no clock.
 *
 * An incoming observation (date, value, vintage) is compared with the value the log gives that date
 * as known on that vintage (for today's vintage: the latest value). Equal: nothing to write. New or
 * different: a row is appended, which must keep the log valid -- vintages never decrease, the date
 * is not after its vintage, (date, vintage) stays unique, and a log sealed through a snapshot only
 * takes rows with a vintage after that snapshot. Anything else is refused with the reason.
 */
import { formatDay, type Day } from '../core/dates.ts';
import { DECIMAL } from '../core/patterns.ts';
import { WITHDRAWN, type ObservationRows } from '../core/observation-log.ts';
import type { SeriesMeta } from '../core/schema.ts';

export interface Incoming {
  date: Day;
  /** As it will be written: a plain decimal, one of a status series' states, or `withdrawn`. */
  value: string;
  vintage: Day;
  /** Where it came from, for messages: `prices.csv:12`, `FRED observations[3]`. */
  where: string;
}

/** The newest snapshot that seals every row now in the log: new rows need a later vintage. */
export interface SealFloor {
  date: Day;
  file: string;
}

export interface AppendInput {
  csvPath: string;
  meta: SeriesMeta;
  rows: ObservationRows;
  floor?: SealFloor | undefined;
  today: Day;
  /**
   * A withdrawal of a date the log does not value at that vintage: refused (a withdrawal typed by
   * hand names a value that is not there) or, by default, skipped as already in agreement (a feed's
   * "." for a date the log never had, or already withdrew).
   */
  strictWithdrawals?: boolean;
}

export interface AppendPlan {
  /** The bytes to add at the end of the log (empty when nothing changes). */
  text: string;
  appended: Incoming[];
  newDates: number;
  revisions: number;
  /** `withdrawn` rows: a value the source no longer has for that date. */
  withdrawals: number;
  unchanged: number;
  problems: string[];
}

/** The comparable value of a written value, or a reason it is not valid for this series. */
export function valueOf(meta: SeriesMeta, text: string): { value: number } | { problem: string } {
  // The log stores a withdrawal as NaN; comparisons below treat it apart from every value.
  if (text === WITHDRAWN) return { value: NaN };
  if (meta.kind === 'status') {
    const i = meta.states!.indexOf(text);
    return i >= 0 ? { value: i } : { problem: `value "${text.slice(0, 40)}" is not one of the states (${meta.states!.join(', ')})` };
  }
  if (!DECIMAL.test(text)) {
    return { problem: text === '' ? 'value is empty' : `value "${text.slice(0, 40)}" is not a plain decimal number (like 4.33 or -12; no ".", NaN, commas, % or units)` };
  }
  const n = Number(text);
  return Number.isFinite(n) ? { value: n } : { problem: `value "${text.slice(0, 40)}..." is too large` };
}

interface Version {
  vintage: Day;
  value: number;
  line: number | undefined;
}

export function planAppend(input: AppendInput, incoming: readonly Incoming[]): AppendPlan {
  const { rows, meta, csvPath, floor, today, strictWithdrawals } = input;
  const versions = new Map<Day, Version[]>();
  for (let i = 0; i < rows.count; i++) {
    const list = versions.get(rows.dates[i]!) ?? [];
    list.push({ vintage: rows.vintages[i]!, value: rows.values[i]!, line: i + 2 });
    versions.set(rows.dates[i]!, list);
  }
  let lastVintage = rows.count ? rows.vintages[rows.count - 1]! : -Infinity;
  const lastLine = rows.count + 1;
  const plan: AppendPlan = { text: '', appended: [], newDates: 0, revisions: 0, withdrawals: 0, unchanged: 0, problems: [] };
  const sorted = [...incoming].sort((a, b) => a.vintage - b.vintage || a.date - b.date);

  for (const r of sorted) {
    const v = valueOf(meta, r.value);
    if ('problem' in v) {
      plan.problems.push(`${r.where}: ${v.problem}`);
      continue;
    }
    const list = versions.get(r.date) ?? [];
    let known: Version | undefined;
    for (const version of list) if (version.vintage <= r.vintage) known = version;
    const withdraw = Number.isNaN(v.value);
    const d = formatDay(r.date);
    const vt = formatDay(r.vintage);
    const knownValued = known !== undefined && !Number.isNaN(known.value);
    if (withdraw && !knownValued) {
      if (strictWithdrawals) {
        plan.problems.push(`${r.where}: ${csvPath} has no value for ${d} as of ${vt}${known ? ' (it was already withdrawn)' : ''}, so there is nothing to withdraw`);
      } else {
        plan.unchanged++;
      }
      continue;
    }
    if (knownValued && known!.value === v.value) {
      plan.unchanged++;
      continue;
    }
    if (r.date > today) {
      plan.problems.push(`${r.where}: date ${d} is after today (${formatDay(today)}); a value cannot be known before the day it is for`);
    } else if (r.date > r.vintage) {
      plan.problems.push(`${r.where}: date ${d} is after its vintage ${vt}; a value cannot be known before the day it is for (give a vintage on or after ${d})`);
    } else if (r.vintage > today) {
      plan.problems.push(`${r.where}: vintage ${vt} is after today (${formatDay(today)}); a vintage is the day the value was first known`);
    } else if (r.vintage < lastVintage) {
      plan.problems.push(
        `${r.where}: vintage ${vt} is before the newest vintage in ${csvPath} (${formatDay(lastVintage)}, line ${lastLine}); the log only grows at the end, so a new or changed value needs a vintage on or after ${formatDay(lastVintage)}`,
      );
    } else if (floor && r.vintage <= floor.date) {
      plan.problems.push(
        `${r.where}: vintage ${vt} is on or before snapshot ${formatDay(floor.date)} (${floor.file}), which sealed every row of ${csvPath}; a new or revised value needs a vintage after ${formatDay(floor.date)}` +
          (floor.date >= today ? ', so add it tomorrow' : ''),
      );
    } else if (list.some((x) => x.vintage === r.vintage)) {
      const same = list.find((x) => x.vintage === r.vintage)!;
      plan.problems.push(
        `${r.where}: ${csvPath}${same.line ? ` line ${same.line}` : ''} already has ${d} with vintage ${vt}${same.line ? '' : ' (earlier in this input)'}; a correction needs a later vintage (unsealed rows may also be fixed by hand before sealing)`,
      );
    } else {
      if (withdraw) plan.withdrawals++;
      else if (list.length) plan.revisions++;
      else plan.newDates++;
      list.push({ vintage: r.vintage, value: v.value, line: undefined });
      versions.set(r.date, list);
      lastVintage = r.vintage;
      plan.appended.push(r);
      plan.text += `${d},${r.value},${vt}\n`;
    }
  }
  return plan;
}
