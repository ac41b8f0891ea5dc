/**
 * One zod schema per concept of the file formats (see README "Data formats"). Every object is strict:
 * an unknown key is an error, never ignored. Types are derived from the schemas.
 */
import { z } from 'astro/zod';
import { DURATION_PATTERN, parseDay } from './dates.ts';

import { KEBAB, SERIES_ID } from './patterns.ts';

export { SERIES_ID };

/** A calendar date written `YYYY-MM-DD` that exists (no 2026-02-30). */
export const isoDate = z
  .string()
  .refine((s) => parseDay(s) !== undefined, { message: 'must be a calendar date written YYYY-MM-DD' });

/** `14d`, `2w`, `3m`, `1y`. */
export const duration = z
  .string()
  .regex(DURATION_PATTERN, { message: 'must be a duration like 14d, 2w, 3m or 1y' });

export const seriesId = z
  .string()
  .regex(SERIES_ID, { message: 'must be a series id: lower-case letters, digits and dashes' });

export const FEEDS = ['fred', 'defillama', 'fiscaldata', 'cftc', 'nyfed'] as const;
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'irregular'] as const;

/** Where `npm run data -- pull` fetches a series from. */
export const pullSchema = z.strictObject({
  /** The feed adapter. */
  from: z.enum(FEEDS),
  /** The feed's own id for the series (a FRED series id, a CFTC contract code, ...). */
  id: z.string().min(1),
  /** Which field of the feed's records holds the value, for feeds whose records carry several. */
  field: z.string().min(1).optional(),
  /** A power of ten the feed's values are multiplied by to be in the series' unit (0.001: millions to billions). */
  scale: z
    .number()
    .refine((n) => n > 0 && /^1e[+-]\d+$/.test(n.toExponential()), { message: 'must be a power of ten, like 0.001 or 1000' })
    .optional(),
});

export const DERIVE_OPS = ['spread', 'ratio', 'sum', 'mean', 'total', 'change', 'pct-change'] as const;
export type DeriveOp = (typeof DERIVE_OPS)[number];
/** Ops that combine several series day by day (no window); the others transform one series over a window. */
export const COMBINING_OPS: readonly DeriveOp[] = ['spread', 'ratio', 'sum'];

/** How a derived series is computed from others (README "Derived series"). */
export const deriveSchema = z
  .strictObject({
    /** spread (a − b), ratio (a / b), sum (a + b + …), mean / total (rolling), change / pct-change (over a window). */
    op: z.enum(DERIVE_OPS),
    /** The input series' ids: two for spread and ratio, two or more for sum, one otherwise. */
    of: z.array(seriesId).min(1),
    /** The look-back of mean, total, change and pct-change. */
    window: duration.optional(),
    /** A factor the result is multiplied by (100 for a ratio in percent, 100 for a spread of percents in bp). */
    scale: z
      .number()
      .refine((n) => Number.isFinite(n) && n !== 0, { message: 'must be a finite number other than 0' })
      .optional(),
  })
  .superRefine((d, ctx) => {
    const combining = COMBINING_OPS.includes(d.op);
    const want = d.op === 'sum' ? 'at least two series' : combining ? 'exactly two series' : 'exactly one series';
    const ok = d.op === 'sum' ? d.of.length >= 2 : combining ? d.of.length === 2 : d.of.length === 1;
    if (!ok) ctx.addIssue({ code: 'custom', path: ['of'], message: `${d.op} reads ${want}, not ${d.of.length}` });
    if (new Set(d.of).size !== d.of.length) ctx.addIssue({ code: 'custom', path: ['of'], message: 'an input is listed twice' });
    if (combining && d.window !== undefined) ctx.addIssue({ code: 'custom', path: ['window'], message: `${d.op} combines series day by day and takes no window` });
    if (!combining && d.window === undefined) ctx.addIssue({ code: 'custom', path: ['window'], message: `${d.op} needs a window, e.g. window: 4w` });
  });
export type Derive = z.infer<typeof deriveSchema>;

/** `data/series/<id>.yaml`. */
export const seriesMetaSchema = z
  .strictObject({
    /** Display name, e.g. "USD/JPY". */
    name: z.string().min(1),
    /** Unit of the values, e.g. "JPY per USD". */
    unit: z.string().min(1),
    /** How often the series is observed; sets when a value counts as stale. */
    frequency: z.enum(FREQUENCIES),
    /** `number` (default) or `status` (values are words from `states`). */
    kind: z.enum(['number', 'status']).default('number'),
    /** Status series only: the allowed values, in order. */
    states: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)).min(1).optional(),
    /** Provenance, shown wherever the data is shown. */
    source: z.string().min(1),
    /** Sample data: labelled as illustrative wherever it is shown. */
    illustrative: z.boolean().optional(),
    /** Display precision for numbers. */
    decimals: z.number().int().min(0).max(10).optional(),
    /** The feed `npm run data -- pull` reads. */
    pull: pullSchema.optional(),
    /** A derived series: computed from other series, with no log (`<id>.csv`) of its own. */
    derive: deriveSchema.optional(),
    /** How old an observation may be before it is marked stale; default: the frequency's limit plus the series' typical publication lag. */
    staleAfter: duration.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.derive && m.kind === 'status') {
      ctx.addIssue({ code: 'custom', path: ['derive'], message: 'a derived series is a number series (kind: status cannot be derived)' });
    }
    if (m.derive && m.pull) {
      ctx.addIssue({ code: 'custom', path: ['pull'], message: 'a derived series is computed, not pulled: remove pull or derive' });
    }
    if (m.kind === 'status' && !m.states) {
      ctx.addIssue({ code: 'custom', path: ['states'], message: 'a status series must list its states' });
    }
    if (m.kind === 'number' && m.states) {
      ctx.addIssue({ code: 'custom', path: ['states'], message: 'only a status series has states (set kind: status)' });
    }
    if (m.states && new Set(m.states).size !== m.states.length) {
      ctx.addIssue({ code: 'custom', path: ['states'], message: 'states must not repeat' });
    }
  });
export type SeriesMeta = z.infer<typeof seriesMetaSchema>;

/** One series' seal inside a snapshot. */
export const sealSchema = z.strictObject({
  /** How many data rows (after the header) the snapshot sealed. */
  rows: z.number().int().min(1),
  /** Hex SHA-256 of the file's bytes from its start through the newline ending data row `rows`. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lower-case hex digits' }),
});
export type Seal = z.infer<typeof sealSchema>;

/** `data/snapshots/<YYYY-MM-DD>.json`. */
export const snapshotSchema = z.strictObject({
  /** The snapshot's date; must match the file name. */
  date: isoDate,
  /** True when sealed after a later snapshot existed: what the logs' vintages say was known on `date`, not what was witnessed then. */
  reconstructed: z.boolean().optional(),
  /** Every series with at least one row whose vintage is on or before `date`. */
  series: z.record(seriesId, sealSchema),
});
export type SnapshotFile = z.infer<typeof snapshotSchema>;

export const TRENDS = ['rising', 'falling', 'not-rising', 'not-falling'] as const;

/** A threshold: a number, another series' id, or `then` (the series' own value on the note's date). */
const threshold = z.union([z.number().refine(Number.isFinite, { message: 'must be a finite number' }), z.string().min(1)]);

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

/** The tests a `<Watch>` can make; exactly one per condition. */
export const WATCH_TESTS = ['above', 'below', 'between', 'equals', 'trend'] as const;

/** The props of `<Watch>`: a series and exactly one test. */
export const watchPropsSchema = z
  .strictObject({
    /** The series the condition watches. */
    series: seriesId,
    /** Met while the value is above a number, another series (same day), or `then`. */
    above: threshold.optional(),
    /** Met while the value is below a number, another series (same day), or `then`. */
    below: threshold.optional(),
    /** Met while lo <= value <= hi (both ends included). */
    between: z.tuple([finite, finite]).optional(),
    /** Status series: met while the value is this state, or any of these states. */
    equals: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** Met when the value now compares so with its value `over` ago. */
    trend: z.enum(TRENDS).optional(),
    /** The look-back of a `trend`. */
    over: duration.optional(),
    /** The test must hold on every day of this window ending on the day evaluated. */
    for: duration.optional(),
    /** Anchor of the condition in its note; defaults to a slug of the label. */
    id: z.string().regex(KEBAB, { message: 'must be kebab-case (a-z, 0-9, dashes)' }).optional(),
  })
  .superRefine((p, ctx) => {
    const tests = WATCH_TESTS.filter((k) => p[k] !== undefined);
    if (tests.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: tests.length ? [tests[1]!] : [],
        message:
          tests.length === 0
            ? 'needs exactly one test: above, below, between, equals or trend'
            : `has ${tests.join(' and ')}: give exactly one test`,
      });
    }
    if (p.trend !== undefined && p.over === undefined) {
      ctx.addIssue({ code: 'custom', path: ['over'], message: 'a trend needs `over` (e.g. over="4w")' });
    }
    if (p.over !== undefined && p.trend === undefined) {
      ctx.addIssue({ code: 'custom', path: ['over'], message: '`over` goes only with `trend`' });
    }
    if (p.between !== undefined && !(p.between[0] <= p.between[1])) {
      ctx.addIssue({ code: 'custom', path: ['between'], message: `the band [${p.between.join(', ')}] is not in order: write the lower end first` });
    }
    if (Array.isArray(p.equals) && new Set(p.equals).size !== p.equals.length) {
      ctx.addIssue({ code: 'custom', path: ['equals'], message: 'a state is listed twice' });
    }
  });
export type WatchProps = z.infer<typeof watchPropsSchema>;

/** The props of `<WatchGroup>`: several `<Watch>` children read as one condition. */
export const groupPropsSchema = z.strictObject({
  /** What the conditions together say; shown as the group's heading. */
  title: z.string().min(1),
  /** `all` (default), `any`, or a whole number k: at least k children met. */
  require: z.union([z.enum(['all', 'any']), z.number().int().min(1)]).default('all'),
  /** Anchor of the group in its note; defaults to a slug of the title. */
  id: z.string().regex(KEBAB, { message: 'must be kebab-case (a-z, 0-9, dashes)' }).optional(),
});
export type GroupProps = z.infer<typeof groupPropsSchema>;

/** The props of `<Value>`: one number from a series in a sentence, as known then and now. */
export const valuePropsSchema = z
  .strictObject({
    /** The series the number comes from. */
    series: seriesId,
    /** The value on this day instead of the note's date. */
    date: isoDate.optional(),
    /** The highest or lowest observation in [from, the note's date]. */
    stat: z.enum(['max', 'min']).optional(),
    /** The change from `from` to the note's date. */
    change: z.literal(true).optional(),
    /** The first day of `stat` or `change`. */
    from: isoDate.optional(),
    /** `bp`: a change of a percent series in basis points. */
    unit: z.literal('bp').optional(),
  })
  .superRefine((p, ctx) => {
    if (p.stat !== undefined && p.change !== undefined) ctx.addIssue({ code: 'custom', path: ['change'], message: 'give stat or change, not both' });
    if (p.date !== undefined && (p.stat !== undefined || p.change !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: '`date` picks one day; it does not go with stat or change' });
    }
    if ((p.stat !== undefined || p.change !== undefined) && p.from === undefined) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: `${p.stat !== undefined ? 'stat' : 'change'} needs from="YYYY-MM-DD"` });
    }
    if (p.from !== undefined && p.stat === undefined && p.change === undefined) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: '`from` goes only with stat or change' });
    }
    if (p.unit !== undefined && p.change === undefined) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'unit="bp" goes only with change' });
  });
export type ValueProps = z.infer<typeof valuePropsSchema>;

/** Frontmatter of `content/notes/<YYYY-MM-DD>-<slug>.mdx`. */
export const noteFrontmatterSchema = z.strictObject({
  /** The note's headline. */
  title: z.string().min(1),
  /** The day the note was written; must match the file name's date. */
  date: isoDate,
  /** One or two sentences for the archive index and feeds. */
  summary: z.string().min(1),
  /** Kebab-case topics. */
  tags: z.array(z.string().regex(KEBAB, { message: 'tags are kebab-case (a-z, 0-9, dashes)' })).default([]),
  /** Defaults to the site's default author. */
  author: z.string().min(1).optional(),
  /** The sealed snapshot the note reads; defaults to the newest on or before `date`. */
  snapshot: isoDate.optional(),
  /** Drafts are built by `npm run dev` only. */
  draft: z.boolean().default(false),
});
export type NoteFrontmatter = z.infer<typeof noteFrontmatterSchema>;

/** Formats zod issues as `field.path: message` lines. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
}
