import { existsSync } from 'node:fs';
import { docsRoot } from '../src/packages';

/** The built site the end-to-end and output tests read. */
export const siteDir = `${docsRoot}.vitepress/dist`;

/** Throws a clear message when the site has not been built (turbo runs `build` before `test`). */
export function requireBuiltSite(): void {
  if (!existsSync(`${siteDir}/index.html`)) {
    throw new Error(`${siteDir} is missing: run 'pnpm --filter @init/docs-app build' first`);
  }
}
