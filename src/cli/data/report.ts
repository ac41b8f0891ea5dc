import { formatDay } from '../../core/dates.ts';
import type { AppendPlan } from '../append.ts';
import type { CliContext } from '../shared.ts';

/** One line saying what an append did, or that it did nothing. */
export function describePlan(csvPath: string, plan: AppendPlan, received: number): string {
  if (plan.text === '') {
    return `${csvPath}: nothing to change; all ${received} observation${received === 1 ? '' : 's'} already match the log (nothing written)`;
  }
  const vintages = [...new Set(plan.appended.map((r) => r.vintage))];
  const vintage = vintages.length === 1 ? `vintage ${formatDay(vintages[0]!)}` : `vintages ${formatDay(vintages[0]!)} to ${formatDay(vintages.at(-1)!)}`;
  const parts = [`${plan.newDates} new date${plan.newDates === 1 ? '' : 's'}`, `${plan.revisions} revision${plan.revisions === 1 ? '' : 's'}`];
  if (plan.withdrawals) parts.push(`${plan.withdrawals} withdrawal${plan.withdrawals === 1 ? '' : 's'}`);
  const same = plan.unchanged ? `; ${plan.unchanged} unchanged` : '';
  return `${csvPath}: appended ${plan.appended.length} row${plan.appended.length === 1 ? '' : 's'} (${parts.join(', ')}), ${vintage}${same}`;
}

export function reportPlan(ctx: CliContext, csvPath: string, plan: AppendPlan, received: number): void {
  ctx.out(describePlan(csvPath, plan, received));
  if (plan.text !== '') ctx.out('Seal them into a snapshot with `npm run data -- seal` when the data is complete.');
}
