// The docs build: API reference (TypeDoc, validated), site assets (playground, experiment figures),
// then VitePress. Usage: tsx scripts/build.ts [--skip-api]
import { writeFileSync } from 'node:fs';
import { build } from 'vitepress';
import { docsRoot, PACKAGES } from '../src/packages';
import { prepareAssets } from '../src/site-assets';
import { apiIndexPage, documentPackage } from '../src/typedoc-run';

const skipApi = process.argv.includes('--skip-api');
if (!skipApi) {
  for (const pkg of PACKAGES) {
    const result = await documentPackage(pkg);
    console.log(
      `api ${result.pkg}: ${result.ok ? 'ok' : 'FAILED'} (${result.errors} errors, ${result.warnings} warnings)`,
    );
    if (!result.ok) process.exit(1);
  }
  writeFileSync(`${docsRoot}api/index.md`, apiIndexPage(PACKAGES));
}
const assets = prepareAssets({ allowMissingPlayground: process.env.DOCS_ALLOW_NO_PLAYGROUND === '1' });
console.log(`assets: playground ${assets.playground}, ${assets.figures} experiment figures`);
await build(docsRoot);
