// Sums the vitest JSON reports written by every workspace package's `test`
// script and prints the closing line CI reads: `tests: N passed, M failed`.
// Exits non-zero when a package produced no report or any test failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let missing = 0;
for (const group of ['packages', 'apps', 'tooling']) {
  for (const name of readdirSync(join(root, group))) {
    const dir = join(root, group, name);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const report = join(dir, 'test-results.json');
    if (!existsSync(report)) {
      console.error(`no test report from ${group}/${name}`);
      missing += 1;
      continue;
    }
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests ?? 0;
    // A test file that fails to load has no failed test of its own: count it as one failure.
    failed += (r.numFailedTests ?? 0) + countFilesFailedWithoutTests(r);
    for (const line of describeFailures(r, `${group}/${name}`)) console.error(line);
  }
}

/** One line per failed test (or test file that failed to load), with the start of its message. */
function describeFailures(r, where) {
  const lines = [];
  for (const file of r.testResults ?? []) {
    const path = file.name?.slice(root.length) ?? where;
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failedTests)
      lines.push(`failed: ${path} > ${a.fullName}: ${messageStart(a.failureMessages)}`);
    if (file.status === 'failed' && failedTests.length === 0)
      lines.push(`failed: ${path}: ${messageStart([file.message])}`);
  }
  return lines;
}

/** The first three lines of the first message, on one line. */
function messageStart(messages) {
  const text = (messages ?? []).find((m) => typeof m === 'string' && m.length > 0) ?? '(no message)';
  return text.split('\n', 3).join(' | ').slice(0, 400);
}

function countFilesFailedWithoutTests(r) {
  return (r.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
}

console.log(`tests: ${passed} passed, ${failed + missing} failed`);
process.exit(failed + missing > 0 ? 1 : 0);
