// Generates the API reference (api/<package>/) with TypeDoc; exits 1 if any package has an
// undocumented export or another validation error. Usage: tsx scripts/api.ts [package-dir...]
import { rmSync, writeFileSync } from 'node:fs';
import { docsRoot, PACKAGES } from '../src/packages';
import { apiIndexPage, documentPackage } from '../src/typedoc-run';

const wanted = process.argv.slice(2);
const selected = wanted.length === 0 ? PACKAGES : PACKAGES.filter((pkg) => wanted.includes(pkg.dir));
if (wanted.length === 0) rmSync(`${docsRoot}api`, { recursive: true, force: true });
let failed = false;
for (const pkg of selected) {
  const result = await documentPackage(pkg);
  console.log(
    `${result.pkg}: ${result.ok ? 'ok' : 'FAILED'} (${result.errors} errors, ${result.warnings} warnings)`,
  );
  failed ||= !result.ok;
}
if (!failed) writeFileSync(`${docsRoot}api/index.md`, apiIndexPage(PACKAGES));
process.exit(failed ? 1 : 0);
