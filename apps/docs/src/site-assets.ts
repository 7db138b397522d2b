import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { experimentFigures, resultsDir } from './experiments';
import { docsRoot, repoRoot } from './packages';

/** Where the built playground is expected (`pnpm --filter @init/playground-app build`). */
export const playgroundDist = `${repoRoot}apps/playground/dist/`;

/** Generated static files VitePress copies into the site (gitignored). */
export const publicDir = `${docsRoot}public/`;

/** Options of {@link prepareAssets}. */
export interface AssetOptions {
  /**
   * Write a placeholder page when apps/playground/dist is missing instead of failing. For local
   * work only (DOCS_ALLOW_NO_PLAYGROUND=1); CI builds the playground first and never sets it.
   */
  readonly allowMissingPlayground?: boolean;
}

/** What {@link prepareAssets} copied. */
export interface AssetReport {
  readonly playground: 'copied' | 'placeholder';
  readonly figures: number;
}

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>playground not built</title></head>
<body><p>The playground was not built. Run <code>pnpm --filter @init/playground-app build</code>, then rebuild the docs.</p></body></html>
`;

/**
 * Copies the built playground to `public/playground/` and the committed experiment figures to
 * `public/experiments/`, so that VitePress serves them in dev, copies them into the site, and its
 * dead-link check sees them. Throws when the playground is not built (unless allowed).
 */
export function prepareAssets(options: AssetOptions = {}): AssetReport {
  const playgroundOut = `${publicDir}playground/`;
  const figuresOut = `${publicDir}experiments/`;
  rmSync(playgroundOut, { recursive: true, force: true });
  rmSync(figuresOut, { recursive: true, force: true });
  mkdirSync(figuresOut, { recursive: true });
  let playground: AssetReport['playground'] = 'copied';
  if (existsSync(`${playgroundDist}index.html`)) {
    cpSync(playgroundDist, playgroundOut, { recursive: true });
  } else if (options.allowMissingPlayground) {
    mkdirSync(playgroundOut, { recursive: true });
    writeFileSync(`${playgroundOut}index.html`, PLACEHOLDER);
    playground = 'placeholder';
  } else {
    throw new Error(
      `${playgroundDist}index.html is missing: build the playground first (pnpm --filter @init/playground-app build), or set DOCS_ALLOW_NO_PLAYGROUND=1 for local work`,
    );
  }
  writeBenchmarksPage();
  const figures = experimentFigures();
  for (const file of figures) cpSync(resultsDir + file, figuresOut + file);
  return { playground, figures: figures.length };
}

/** Where the repository's files are shown on GitHub. */
export const REPO_BLOB = 'https://github.com/init-toolkit/init/blob/main/';

/**
 * Rewrites the relative links of a root markdown file (`[x](scripts/a.md)`) to absolute GitHub
 * links, so the page can sit anywhere in the site without dead links.
 */
export function absoluteLinks(markdown: string): string {
  return markdown.replace(
    /\]\((?!https?:|#|mailto:)([^)\s]+)\)/g,
    (_, target: string) => `](${REPO_BLOB}${target})`,
  );
}

/** The generated benchmarks page (gitignored): BENCHMARKS.md with its links made absolute. */
export const benchmarksPage = `${docsRoot}guide/benchmarks.md`;

/** Writes {@link benchmarksPage} from the repository's BENCHMARKS.md. */
export function writeBenchmarksPage(): void {
  const source = readFileSync(`${repoRoot}BENCHMARKS.md`, 'utf8');
  const note =
    '\n\n::: info\nThis page is generated from [BENCHMARKS.md](https://github.com/init-toolkit/init/blob/main/BENCHMARKS.md) when the site is built.\n:::\n';
  const text = absoluteLinks(source).replace(/^(# .*)$/m, `$1${note}`);
  writeFileSync(benchmarksPage, text);
}
