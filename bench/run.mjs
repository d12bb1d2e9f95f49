// Runs every benchmark in this folder one after another (they share 2 cores, so never in
// parallel), collects their rows, computes medians, ratios and budgets (rows.mjs), and writes
// bench/results.json and bench/RESULTS.md from it (report.mjs). Exits non-zero when a budget is
// missed or a bench fails, after writing both files.
//   node bench/run.mjs            every bench: bench/results.json, bench/RESULTS.md
//   node bench/run.mjs <name>...  only those: bench/out/results.json, bench/out/RESULTS.md
import {spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {describeMachine, loadAverage} from './machine.mjs';
import {renderReport} from './report.mjs';
import {makeRow} from './rows.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const all = [
  'cli-startup.mjs',
  'image-build.mjs',
  'server-echo-roundtrip.mjs',
  'runtime-lifecycle.mjs',
  'events-pagedown.mjs',
  'session-screen.mjs',
  'agent-draft.mjs',
  'agent-step.mjs',
  'terminal-flood.mjs',
];
const only = process.argv.slice(2);
const benches = all.filter((name) => only.length === 0 || only.some((filter) => name.includes(filter)));
if (benches.length === 0) {
  process.stderr.write(`bench: no bench matches ${only.join(' ')} (there are ${all.join(', ')})\n`);
  process.exit(2);
}
// A partial run never replaces the committed results of a whole one.
const outDir = benches.length === all.length ? here : `${here}out/`;

const started = new Date();
const machine = describeMachine();
const loadBefore = loadAverage();
const rows = [];
const runs = [];
for (const name of benches) {
  process.stderr.write(`bench: ${name}\n`);
  const began = performance.now();
  const run = spawnSync(process.execPath, [`${here}${name}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  const seconds = Math.round((performance.now() - began) / 100) / 10;
  const lines = run.stdout.split('\n').filter((line) => line.startsWith('{'));
  let made = 0;
  let error;
  for (const line of lines) {
    try {
      const {row} = JSON.parse(line);
      if (row === undefined) continue;
      rows.push({bench: name.replace(/\.mjs$/, ''), ...makeRow(row)});
      made++;
    } catch (caught) {
      error = `a row it printed is not valid: ${caught.message}`;
    }
  }
  const ok = run.status === 0 && made > 0 && error === undefined;
  if (!ok) {
    error ??= made === 0 ? 'it printed no rows' : `it exited with ${run.status ?? run.signal}`;
    process.stderr.write(`bench: ${name} failed: ${error}\n${run.stdout}\n`);
  }
  runs.push({bench: name.replace(/\.mjs$/, ''), ok, seconds, ...(ok ? {} : {error})});
}

const results = {
  generated: started.toISOString(),
  ...(benches.length === all.length ? {} : {partial: benches.map((name) => name.replace(/\.mjs$/, ''))}),
  seconds: Math.round((Date.now() - started.getTime()) / 1000),
  machine: {...machine, loadBefore, loadAfter: loadAverage()},
  benches: runs,
  rows,
  missed: rows.filter((row) => row.met === false).map((row) => row.id),
  ok: runs.every((run) => run.ok) && rows.every((row) => row.met !== false),
};
mkdirSync(outDir, {recursive: true});
writeFileSync(`${outDir}results.json`, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(`${outDir}RESULTS.md`, renderReport(results));
process.stdout.write(renderReport(results));
process.stderr.write(`bench: wrote ${outDir}results.json and ${outDir}RESULTS.md\n`);
if (!results.ok) {
  const failed = runs.filter((run) => !run.ok).map((run) => run.bench);
  process.stderr.write(`bench: ${[...results.missed.map((id) => `missed ${id}`), ...failed.map((name) => `${name} failed`)].join('; ')}\n`);
}
process.exitCode = results.ok ? 0 : 1;
