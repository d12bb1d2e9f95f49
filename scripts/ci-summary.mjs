#!/usr/bin/env node
/**
 * The closing line of .ci/run: `N passed, N failed[, N skipped]` over every test run of CI, from
 * vitest's JSON reports. A red run never reads "0 failed":
 * - a test file that failed without a failed test (it threw while loading, or a hook failed)
 *   counts as one failure, named on a line of its own;
 * - a run that exited non-zero with no failure in its report (no report at all, or the build,
 *   typecheck or lint step before vitest failed) counts as one failure too.
 *
 * Usage: node scripts/ci-summary.mjs <label> <report.json> <exit status> [<label> <report.json> <exit status> ...]
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import {relative} from 'node:path';

function readReport(file) {
  if (!existsSync(file) || statSync(file).size === 0) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** One run's counts, and the lines that explain failures its failed tests do not show. */
function summarizeRun(label, report, exitStatus) {
  const notes = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (report) {
    passed = report.numPassedTests;
    failed = report.numFailedTests;
    skipped = report.numPendingTests + report.numTodoTests;
    const files = [...report.testResults].sort((a, b) => a.name.localeCompare(b.name));
    for (const file of files) {
      if (file.status !== 'failed' || file.assertionResults.some((test) => test.status === 'failed')) continue;
      failed++;
      const why = file.message.split('\n')[0] || 'a hook or a suite failed';
      notes.push(`${label}: failed suite ${relative(process.cwd(), file.name)}: ${why}`);
    }
  }
  if (exitStatus !== 0 && failed === 0) {
    failed = 1;
    notes.push(
      `${label}: exited with status ${exitStatus}${report ? ' with no failed test in its report' : ' before vitest wrote a report (build, typecheck or lint)'}`,
    );
  }
  return {passed, failed, skipped, notes};
}

function main(args) {
  if (args.length === 0 || args.length % 3 !== 0) {
    process.stderr.write('usage: ci-summary.mjs <label> <report.json> <exit status> [...]\n');
    return 64;
  }
  const total = {passed: 0, failed: 0, skipped: 0};
  for (let at = 0; at < args.length; at += 3) {
    const [label, file, status] = args.slice(at, at + 3);
    const run = summarizeRun(label, readReport(file), Number(status));
    for (const note of run.notes) console.log(note);
    console.log(`${label}: passed ${run.passed}, failed ${run.failed}, skipped ${run.skipped}`);
    total.passed += run.passed;
    total.failed += run.failed;
    total.skipped += run.skipped;
  }
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
