/**
 * Wording the note page's condition components share: how a group combines its parts, a `<Value>`
 * number (signed for a change, in basis points when asked), and a date beside a value (the year
 * only when the context's year differs). Every number goes through the one formatter (src/lib/format.ts).
 */
import type { ValueProps } from '../core/schema.ts';
import { displayDate, formatNumber, shortDate, valueText, type ValueMeta } from './format.ts';

export { requireText } from '../lib/format.ts';

/** `12 Jun` when `iso` falls in the year of `context`, else `12 Jun 2025`. */
export function dateNear(iso: string, context: string): string {
  return iso.slice(0, 4) === context.slice(0, 4) ? shortDate(iso) : displayDate(iso);
}

/** A `<Value>` number: the series' unit and decimals; a change is signed, `unit="bp"` in basis points. */
export function valueNumber(meta: ValueMeta, props: Pick<ValueProps, 'change' | 'unit'>, value: number | string): string {
  if (typeof value === 'string') return value;
  const plus = props.change && value > 0 ? '+' : '';
  if (props.unit === 'bp') return `${plus}${formatNumber(value, meta.decimals == null ? undefined : Math.max(0, meta.decimals - 2))} bp`;
  return `${plus}${valueText(meta, value)}`;
}

/** What a `<Value>` reads, in words, for its source note: "the highest since 1 Jan 2026". */
export function valueKindText(props: ValueProps): string {
  if (props.stat !== undefined) return `the ${props.stat === 'max' ? 'highest' : 'lowest'} since ${displayDate(props.from!)}`;
  if (props.change) return `the change since ${displayDate(props.from!)}${props.unit === 'bp' ? ', in basis points' : ''}`;
  if (props.date !== undefined) return `on ${displayDate(props.date)}`;
  return "on the note's date";
}
