// `oh-tui --version` and `--help` against bare `node -e 0` (budget: at most 2x).
import {cliPath, median, round, timeCommand} from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const samples = {node: [], version: [], help: []};
for (let i = 0; i < runs; i++) {
  // Interleaved so drift in machine load hits all three alike.
  samples.node.push(timeCommand(process.execPath, ['-e', '0']));
  samples.version.push(timeCommand(process.execPath, [cliPath, '--version']));
  samples.help.push(timeCommand(process.execPath, [cliPath, '--help']));
}
const node = median(samples.node);
console.log(
  JSON.stringify({
    bench: 'cli-startup',
    runs,
    nodeMs: round(node),
    versionMs: round(median(samples.version)),
    helpMs: round(median(samples.help)),
    versionRatio: round(median(samples.version) / node),
    helpRatio: round(median(samples.help) / node),
    budgetRatio: 2,
  }),
);
