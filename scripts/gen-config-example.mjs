// Writes config.toml.example from the config schema (source/config/example.ts), with no build step:
// esbuild bundles the TypeScript in memory. `--check` only compares, exiting 1 when the file is stale.
//   node scripts/gen-config-example.mjs [--check]
import {build} from 'esbuild';
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = `${root}config.toml.example`;

const result = await build({
  entryPoints: [`${root}source/config/example.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const code = result.outputFiles[0].text;
const {renderConfigExample} = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const text = renderConfigExample();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    process.stderr.write('config.toml.example is stale: run node scripts/gen-config-example.mjs\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stderr.write(`wrote ${target}\n`);
}
