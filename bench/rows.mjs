// One benchmark row: what was timed (our samples), the baseline measured interleaved with it in the
// same run where one exists, the budgets, and whether each was met. Everything a report shows is
// computed here from the samples: no number in bench/RESULTS.md is typed by hand.

/**
 * Budget kinds. `abs-*` bound our median (in the row's unit; the p95 of our samples with
 * `stat: 'p95'`), `ratio-*` the ratio of our median to the baseline's; `-max` for times (lower is
 * better), `-min` for throughputs.
 */
export const budgetKinds = ['abs-max', 'abs-min', 'ratio-max', 'ratio-min'];

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** n, median, min and max of a sample list. */
export function summarize(samples) {
  if (!Array.isArray(samples) || samples.length === 0 || samples.some((value) => typeof value !== 'number' || !Number.isFinite(value))) {
    throw new Error(`samples must be a non-empty list of finite numbers, got ${JSON.stringify(samples)}`);
  }
  return {n: samples.length, median: round(median(samples)), min: round(Math.min(...samples)), max: round(Math.max(...samples))};
}

/** The value below which `p` percent of `values` lie (nearest rank). */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The budget as a reader sees it: `≤ 1.05×`, `≥ 60 MB/s`, `p95 ≤ 50 ms`. */
export function budgetText(budget, unit) {
  const sign = budget.kind.endsWith('-max') ? '≤' : '≥';
  const text = budget.kind.startsWith('ratio') ? `${sign} ${budget.value}×` : `${sign} ${budget.value} ${unit}`;
  return budget.stat === 'p95' ? `p95 ${text}` : text;
}

function checkBudget(budget, samples, ratio, unit, id) {
  if (!budgetKinds.includes(budget?.kind) || typeof budget.value !== 'number' || ![undefined, 'median', 'p95'].includes(budget.stat)) {
    throw new Error(
      `row ${id}: a budget is {kind: ${budgetKinds.join(' | ')}, value: number, stat?: median | p95}, got ${JSON.stringify(budget)}`,
    );
  }
  const onRatio = budget.kind.startsWith('ratio');
  if (onRatio && ratio === undefined) throw new Error(`row ${id}: a ${budget.kind} budget needs a baseline`);
  if (onRatio && budget.stat === 'p95') throw new Error(`row ${id}: a ratio budget is on the medians`);
  // Checked on the exact medians (or the p95 of our samples); the stored numbers are rounded for reading.
  const actual = onRatio ? ratio : budget.stat === 'p95' ? percentile(samples, 95) : median(samples);
  const met = budget.kind.endsWith('-max') ? actual <= budget.value : actual >= budget.value;
  return {kind: budget.kind, value: budget.value, text: budgetText(budget, unit), actual: round(actual, onRatio ? 3 : 2), met};
}

/**
 * A row from what a bench measured:
 *   {id, what, unit, samples, baseline?: {what, samples}, budgets?: [{kind, value, stat?}], note?, extra?}
 * `samples` and `baseline.samples` are measured alternately, round by round, so drift in the
 * machine's load hits both alike. For time rows with a baseline, `overhead` is our median minus the
 * baseline's (our fixed cost), and `pairedOverhead` the median of the per-round differences.
 * `met` is true when every budget is met, false when one is missed, null when the row has none.
 */
export function makeRow(spec) {
  const {id, what, unit, samples, baseline, budgets = [], note, extra} = spec;
  if (typeof id !== 'string' || typeof what !== 'string' || typeof unit !== 'string') {
    throw new Error(`a row needs an id, a what and a unit, got ${JSON.stringify({id, what, unit})}`);
  }
  const ours = summarize(samples);
  const base = baseline === undefined ? undefined : {what: baseline.what, ...summarize(baseline.samples)};
  const exactRatio = base === undefined ? undefined : median(samples) / median(baseline.samples);
  const row = {
    id,
    what,
    unit,
    ours: {...ours, samples: samples.map((value) => round(value))},
    baseline: base === undefined ? undefined : {...base, samples: baseline.samples.map((value) => round(value))},
    ratio: exactRatio === undefined ? undefined : round(exactRatio, 3),
    budgets: budgets.map((budget) => checkBudget(budget, samples, exactRatio, unit, id)),
  };
  if (base !== undefined && unit === 'ms') {
    row.overhead = round(median(samples) - median(baseline.samples));
    if (baseline.samples.length === samples.length)
      row.pairedOverhead = round(median(samples.map((value, index) => value - baseline.samples[index])));
  }
  row.met = row.budgets.length === 0 ? null : row.budgets.every((budget) => budget.met);
  if (note !== undefined) row.note = note;
  if (extra !== undefined) row.extra = extra;
  return row;
}
