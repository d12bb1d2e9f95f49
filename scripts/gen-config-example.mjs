// Writes config.toml.example from the config schema (source/config/example.ts), with no build step:
// esbuild bundles the TypeScript in memory. (test/unit/config-example.test.ts catches a stale file.)
//   node scripts/gen-config-example.mjs
import {build} from 'esbuild';
import {writeFileSync} from 'node:fs';
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

writeFileSync(target, text);
process.stderr.write(`wrote ${target}\n`);
