/** planAppend: which incoming observations become rows, and which are refused, by rule. */
import { describe, expect, it } from 'vitest';
import { day } from '../../src/core/dates.ts';
import { parseObservationLog } from '../../src/core/observation-log.ts';
import type { SeriesMeta } from '../../src/core/schema.ts';
import { planAppend, type Incoming, type SealFloor } from '../../src/cli/append.ts';

const number: SeriesMeta = { name: 'T', unit: 'pct', frequency: 'daily', kind: 'number', source: 't' };
const status: SeriesMeta = { name: 'B', unit: 'stage', frequency: 'irregular', kind: 'status', states: ['pending', 'passed'], source: 't' };

/** A log of rows `date,value,vintage`. */
function log(meta: SeriesMeta, rows: string[]) {
  const parsed = parseObservationLog('s.csv', new TextEncoder().encode(['date,value,vintage', ...rows].join('\n') + '\n'), meta);
  expect(parsed.problems).toEqual([]);
  return parsed.rows;
}

const inc = (date: string, value: string, vintage: string): Incoming => ({ date: day(date), value, vintage: day(vintage), where: `in ${date}` });

const LOG = ['2026-05-01,4.1,2026-05-02', '2026-05-02,4.2,2026-05-03', '2026-05-01,4.15,2026-05-05'];
const TODAY = day('2026-05-10');

function plan(incoming: Incoming[], opts: { meta?: SeriesMeta; rows?: string[]; floor?: SealFloor } = {}) {
  const meta = opts.meta ?? number;
  return planAppend({ csvPath: 's.csv', meta, rows: log(meta, opts.rows ?? LOG), floor: opts.floor, today: TODAY }, incoming);
}

describe('what is appended', () => {
  it.each([
    ['a new date', [inc('2026-05-03', '4.3', '2026-05-06')], '2026-05-03,4.3,2026-05-06\n', [1, 0, 0]],
    ['the latest value again: nothing', [inc('2026-05-01', '4.15', '2026-05-06')], '', [0, 0, 1]],
    ['the same number written differently: nothing', [inc('2026-05-02', '4.20', '2026-05-06')], '', [0, 0, 1]],
    ['the older version of a revised date: a revision back to it', [inc('2026-05-01', '4.1', '2026-05-06')], '2026-05-01,4.1,2026-05-06\n', [0, 1, 0]],
    ['a version the log had as of that vintage: nothing', [inc('2026-05-01', '4.1', '2026-05-03')], '', [0, 0, 1]],
    [
      'several, in vintage then date order',
      [inc('2026-05-04', '4.4', '2026-05-07'), inc('2026-05-03', '4.3', '2026-05-06'), inc('2026-05-02', '4.25', '2026-05-07')],
      '2026-05-03,4.3,2026-05-06\n2026-05-02,4.25,2026-05-07\n2026-05-04,4.4,2026-05-07\n',
      [2, 1, 0],
    ],
    ['two vintages of one new date', [inc('2026-05-03', '4.3', '2026-05-06'), inc('2026-05-03', '4.35', '2026-05-07')], '2026-05-03,4.3,2026-05-06\n2026-05-03,4.35,2026-05-07\n', [1, 1, 0]],
    ['a row on the log\'s newest vintage', [inc('2026-05-04', '4.4', '2026-05-05')], '2026-05-04,4.4,2026-05-05\n', [1, 0, 0]],
  ])('%s', (_what, incoming, text, [newDates, revisions, unchanged]) => {
    const p = plan(incoming);
    expect(p.problems).toEqual([]);
    expect(p.text).toBe(text);
    expect([p.newDates, p.revisions, p.unchanged]).toEqual([newDates, revisions, unchanged]);
  });

  it('compares states of a status series', () => {
    const rows = ['2026-05-01,pending,2026-05-01'];
    expect(plan([inc('2026-05-01', 'pending', '2026-05-06')], { meta: status, rows }).text).toBe('');
    expect(plan([inc('2026-05-06', 'passed', '2026-05-06')], { meta: status, rows }).text).toBe('2026-05-06,passed,2026-05-06\n');
  });

  it('appends to an empty log with any vintage', () => {
    expect(plan([inc('2020-01-01', '1', '2020-01-02')], { rows: [] }).text).toBe('2020-01-01,1,2020-01-02\n');
  });
});

describe('what is refused, and why', () => {
  const floor = { date: day('2026-05-05'), file: 'data/snapshots/2026-05-05.json' };
  it.each([
    ['a date after today', [inc('2026-05-11', '1', '2026-05-10')], {}, /in 2026-05-11: date 2026-05-11 is after today \(2026-05-10\)/],
    ['a date after its vintage', [inc('2026-05-08', '1', '2026-05-07')], {}, /date 2026-05-08 is after its vintage 2026-05-07/],
    ['a vintage after today', [inc('2026-05-08', '1', '2026-05-11')], {}, /vintage 2026-05-11 is after today/],
    ['a vintage before the log\'s newest', [inc('2026-05-03', '4.3', '2026-05-04')], {}, /vintage 2026-05-04 is before the newest vintage in s\.csv \(2026-05-05, line 4\)/],
    ['a vintage the snapshot sealed', [inc('2026-05-03', '4.3', '2026-05-05')], { floor }, /vintage 2026-05-05 is on or before snapshot 2026-05-05 \(data\/snapshots\/2026-05-05\.json\), which sealed every row of s\.csv/],
    ['a second value for (date, vintage)', [inc('2026-05-01', '4.2', '2026-05-05')], {}, /s\.csv line 4 already has 2026-05-01 with vintage 2026-05-05/],
    ['the same (date, vintage) twice in one input', [inc('2026-05-03', '4.3', '2026-05-06'), inc('2026-05-03', '4.4', '2026-05-06')], {}, /already has 2026-05-03 with vintage 2026-05-06 \(earlier in this input\)/],
    ['a value that is not a number', [inc('2026-05-03', '4,3', '2026-05-06')], {}, /value "4,3" is not a plain decimal number/],
    ['a state that is not listed', [inc('2026-05-03', 'vetoed', '2026-05-06')], { meta: status, rows: [] }, /value "vetoed" is not one of the states \(pending, passed\)/],
  ] as const)('%s', (_what, incoming, opts, expected) => {
    const p = plan([...incoming], opts as { meta?: SeriesMeta; rows?: string[]; floor?: SealFloor });
    expect(p.problems.join('\n')).toMatch(expected);
  });

  it('says when the sealing snapshot is dated today: the value can only go in tomorrow', () => {
    const p = planAppend({ csvPath: 's.csv', meta: number, rows: log(number, LOG), floor: { date: TODAY, file: 'snap' }, today: TODAY }, [inc('2026-05-09', '1', '2026-05-10')]);
    expect(p.problems.join('')).toMatch(/needs a vintage after 2026-05-10, so add it tomorrow$/);
  });

  it('accepts the first vintage after the sealing snapshot', () => {
    expect(plan([inc('2026-05-03', '4.3', '2026-05-06')], { floor }).problems).toEqual([]);
  });

  it('the appended log verifies: every row the plan writes is a valid row after the old ones', () => {
    const p = plan([inc('2026-05-04', '4.4', '2026-05-07'), inc('2026-05-03', '4.3', '2026-05-06'), inc('2026-05-01', '4.1', '2026-05-07')]);
    const text = ['date,value,vintage', ...LOG].join('\n') + '\n' + p.text;
    expect(parseObservationLog('s.csv', new TextEncoder().encode(text), number).problems).toEqual([]);
  });
});

describe('withdrawals', () => {
  it('appends one where the log has a value, and counts it apart', () => {
    const p = plan([inc('2026-05-02', 'withdrawn', '2026-05-06')]);
    expect(p.text).toBe('2026-05-02,withdrawn,2026-05-06\n');
    expect([p.newDates, p.revisions, p.withdrawals, p.unchanged]).toEqual([0, 0, 1, 0]);
  });

  it('skips one for a date with no value, or already withdrawn; refuses it when strict', () => {
    expect(plan([inc('2026-05-03', 'withdrawn', '2026-05-06')]).unchanged).toBe(1);
    const rows = [...LOG, '2026-05-02,withdrawn,2026-05-05'];
    expect(plan([inc('2026-05-02', 'withdrawn', '2026-05-06')], { rows }).text).toBe('');
    const strict = planAppend({ csvPath: 's.csv', meta: number, rows: log(number, LOG), floor: undefined, today: TODAY, strictWithdrawals: true }, [inc('2026-05-03', 'withdrawn', '2026-05-06')]);
    expect(strict.problems).toEqual(['in 2026-05-03: s.csv has no value for 2026-05-03 as of 2026-05-06, so there is nothing to withdraw']);
  });

  it('gives a withdrawn date a value again as a revision', () => {
    const rows = [...LOG, '2026-05-02,withdrawn,2026-05-05'];
    const p = plan([inc('2026-05-02', '4.2', '2026-05-06')], { rows });
    expect(p.text).toBe('2026-05-02,4.2,2026-05-06\n');
    expect(p.revisions).toBe(1);
  });
});
