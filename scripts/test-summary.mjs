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
  }
}

function countFilesFailedWithoutTests(r) {
  return (r.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
}

console.log(`tests: ${passed} passed, ${failed + missing} failed`);
process.exit(failed + missing > 0 ? 1 : 0);
