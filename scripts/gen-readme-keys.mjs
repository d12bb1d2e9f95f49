// Rewrites the session screen's key and command tables in README.md (between its markers) from
// the key table and the slash-command table, with no build step: esbuild bundles the TypeScript
// in memory. (test/unit/ui-readme-keys.test.ts catches a stale README.)
//   node scripts/gen-readme-keys.mjs
import {build} from 'esbuild';
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = `${root}README.md`;

const result = await build({
  entryPoints: [`${root}source/ui/docs/readme-section.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const code = result.outputFiles[0].text;
const {withReadmeSection} = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const updated = withReadmeSection(readFileSync(target, 'utf8'));
if (updated === undefined) {
  process.stderr.write(`${target} has no session-screen-keys markers: add the two marker lines where the tables belong\n`);
  process.exit(1);
}
writeFileSync(target, updated);
process.stderr.write(`wrote the session screen keys into ${target}\n`);
