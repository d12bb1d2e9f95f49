// Runs every benchmark in this folder one after another (they share 2 cores, so never in
// parallel), prints each result as JSON, and writes them all to bench/out/results.json.
import {spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const benches = ['cli-startup.mjs', 'image-build.mjs', 'server-echo-roundtrip.mjs', 'runtime-lifecycle.mjs', 'events-pagedown.mjs'].filter(
  (name) => only.length === 0 || only.some((filter) => name.includes(filter)),
);

const results = [];
let failed = false;
for (const name of benches) {
  process.stderr.write(`bench: ${name}\n`);
  const run = spawnSync(process.execPath, [`${here}${name}`], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']});
  const lines = run.stdout.split('\n').filter((line) => line.startsWith('{'));
  if (run.status !== 0 || lines.length === 0) {
    failed = true;
    process.stderr.write(`bench: ${name} failed (exit ${run.status})\n${run.stdout}\n`);
    continue;
  }
  for (const line of lines) {
    results.push(JSON.parse(line));
    console.log(line);
  }
}
mkdirSync(`${here}out`, {recursive: true});
writeFileSync(`${here}out/results.json`, `${JSON.stringify({date: new Date().toISOString(), node: process.version, results}, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;
