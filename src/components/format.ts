/**
 * The components' name for the one formatter, src/lib/format.ts (shared with the pages and the chart
 * island in the browser). Kept so components import their wording from beside them.
 */
export { STATUS, describeCondition, displayDate, durationText, formatNumber, formatValue, isPercent, shortDate, tickText, valueText, type ValueMeta } from '../lib/format.ts';
