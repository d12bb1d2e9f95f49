// Types of report.mjs, for the unit tests that import it.
import type {Row} from './rows.mjs';

export interface Results {
  generated: string;
  /** The benches run, when not all were. */
  partial?: string[];
  seconds: number;
  machine: {node: string; docker: string; buildx: string; cpu: string; cores: number; memoryGiB: number; os: string; loadBefore: number[]; loadAfter: number[]};
  benches: {bench: string; ok: boolean; seconds: number; error?: string}[];
  rows: (Row & {bench: string})[];
  missed: string[];
  ok: boolean;
}
export function formatNumber(value: number): string;
export function renderReport(results: Results): string;
