// Types of rows.mjs, for the unit tests that import it (the benches themselves are plain ESM).
export type BudgetKind = 'abs-max' | 'abs-min' | 'ratio-max' | 'ratio-min';
export interface Budget {
  kind: BudgetKind;
  value: number;
  /** What an abs budget bounds: our median (the default) or our 95th percentile. */
  stat?: 'median' | 'p95';
}
export interface RowSpec {
  id: string;
  what: string;
  unit: string;
  samples: number[];
  baseline?: {what: string; samples: number[]};
  budgets?: Budget[];
  note?: string;
  extra?: unknown;
}
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
}
export interface CheckedBudget extends Budget {
  text: string;
  actual: number;
  met: boolean;
}
export interface Row {
  id: string;
  what: string;
  unit: string;
  ours: Summary & {samples: number[]};
  baseline?: Summary & {what: string; samples: number[]};
  ratio?: number;
  overhead?: number;
  pairedOverhead?: number;
  budgets: CheckedBudget[];
  met: boolean | null;
  note?: string;
  extra?: unknown;
}
export const budgetKinds: BudgetKind[];
export function median(values: number[]): number;
export function round(value: number, digits?: number): number;
export function summarize(samples: number[]): Summary;
export function budgetText(budget: Budget, unit: string): string;
export function makeRow(spec: RowSpec): Row;
