import {probeDocker} from './helpers/docker-gate.js';
import {e2eRequired} from './helpers/test-env.js';

/**
 * Each e2e file skips itself when no engine answers (test/helpers/docker-gate.ts); this prints
 * one banner after vitest's summary so a skipped end-to-end suite cannot pass unnoticed.
 */
export default async function setup(): Promise<(() => void) | undefined> {
  // With OH_TUI_E2E=1 (or true) an unreachable engine fails the run instead: no banner, so no ping.
  if (e2eRequired()) return undefined;
  const {reason} = await probeDocker();
  if (reason === undefined) return undefined;
  return () => {
    const rule = '='.repeat(78);
    process.stderr.write(
      `\n${rule}\nE2E SKIPPED: no Docker engine is reachable, so the end-to-end suite did not run.\n` +
        `  ${reason}\n  Set one up with \`bash scripts/setup.sh\`; with OH_TUI_E2E=1 (or true) this is a failure.\n${rule}\n`,
    );
  };
}
