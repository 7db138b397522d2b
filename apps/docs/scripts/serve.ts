// Serves the built site (.vitepress/dist) on a local port and prints its URL.
// PORT (default 4173; the next free port if it is taken), DOCS_BASE (default '/').
import { existsSync } from 'node:fs';
import { docsRoot } from '../src/packages';
import { serveStatic } from '../src/static-server';

const root = `${docsRoot}.vitepress/dist`;
if (!existsSync(`${root}/index.html`)) {
  console.error(
    `No built site in ${root}. Run 'pnpm --filter @init/docs-app build' (or 'pnpm start' at the root).`,
  );
  process.exit(1);
}
const base = process.env.DOCS_BASE ?? '/';
const wanted = Number(process.env.PORT ?? 4173);
let site: Awaited<ReturnType<typeof serveStatic>> | undefined;
for (let port = wanted; port < wanted + 20 && site === undefined; port++) {
  try {
    site = await serveStatic({ root, base, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  }
}
if (site === undefined) site = await serveStatic({ root, base, port: 0 });
console.log(
  `\n  init docs (with the playground at ${site.url}playground/):\n\n    ${site.url}\n\n  Ctrl-C to stop.\n`,
);
const stop = () => void site?.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
