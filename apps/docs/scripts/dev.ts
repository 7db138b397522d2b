// VitePress dev server with the API reference and the site assets prepared first. The playground
// may be missing here (a placeholder page stands in); the build requires it.
import { writeFileSync } from 'node:fs';
import { createServer } from 'vitepress';
import { docsRoot, PACKAGES } from '../src/packages';
import { prepareAssets } from '../src/site-assets';
import { apiIndexPage, documentPackage } from '../src/typedoc-run';

for (const pkg of PACKAGES) {
  const result = await documentPackage(pkg);
  if (!result.ok) console.warn(`api ${result.pkg}: ${result.errors} errors, ${result.warnings} warnings`);
}
writeFileSync(`${docsRoot}api/index.md`, apiIndexPage(PACKAGES));
prepareAssets({ allowMissingPlayground: true });
const server = await createServer(docsRoot, { port: Number(process.env.PORT ?? 5173) });
await server.listen();
server.printUrls();
