// `oh-tui --version` and `--help` against bare `node -e 0` (budget: at most 2x), whole processes.
import {alternate, cliPath, emitRow, timeCommand} from './lib.mjs';

const rounds = Number(process.env.BENCH_RUNS ?? 15);
const node = () => timeCommand(process.execPath, ['-e', '0']);

for (const flag of ['--version', '--help']) {
  const {ours, baseline} = await alternate(rounds, () => timeCommand(process.execPath, [cliPath, flag]), node);
  emitRow({
    id: `cli${flag.slice(1)}`,
    what: `\`oh-tui ${flag}\`, whole process`,
    unit: 'ms',
    samples: ours,
    baseline: {what: 'bare `node -e 0`', samples: baseline},
    budgets: [{kind: 'ratio-max', value: 2}],
  });
}
