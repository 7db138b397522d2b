import { Application, Converter, type DeclarationReflection, ReflectionKind } from 'typedoc';
import { type DocsPackage, docsRoot, entryPoints, repoRoot } from './packages';

/**
 * The kinds of export that must carry a TSDoc comment: an undocumented one of these fails the build.
 */
export const REQUIRED_KINDS = ['Function', 'Class', 'Interface', 'TypeAlias', 'Variable', 'Enum'] as const;

/**
 * Exceptions, per package directory, that are waiting for a fix in a package whose sources the docs
 * app does not own. Each is named here and in the docs report with the fix to make; TypeDoc warns
 * (and so fails the build) as soon as an entry is no longer needed, so the lists can only shrink.
 */
export interface PendingExceptions {
  /** Types that exported signatures name but that the package does not export. */
  readonly notExported: readonly string[];
  /** Fully qualified reflection names without TSDoc. */
  readonly notDocumented: readonly string[];
  /** `{@link}` targets that resolve to an unexported symbol, mapped to `#` (no page). */
  readonly unexportedLinks?: readonly string[];
}

/** The current exceptions (see {@link PendingExceptions}). */
export const PENDING: Readonly<Record<string, PendingExceptions>> = {};

/** Result of documenting one package. */
export interface TypedocResult {
  readonly pkg: string;
  readonly ok: boolean;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * Renames the module reflections TypeDoc derives from file names (`index`, `node`) to the import
 * specifiers users write (`@init/rng`, `@init/rng/node`).
 */
function renameModules(app: Application, pkg: DocsPackage): void {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const child of context.project.children ?? []) {
      renameModule(child, pkg);
    }
  });
}

function renameModule(child: DeclarationReflection, pkg: DocsPackage): void {
  if (!child.kindOf(ReflectionKind.Module)) return;
  // TypeDoc names an entry's module by its path (`index`, `node`; with displayBasePath
  // `packages/rng/src` and `packages/rng/src/node`). The entries are only index.ts and node.ts.
  child.name = child.name === 'node' || child.name.endsWith('/node') ? `${pkg.name}/node` : pkg.name;
}

/**
 * Generates the markdown API reference of one package into `api/<dir>/`, with TypeDoc's
 * validation turned into errors: an undocumented export, a broken `{@link}` or an exported
 * signature that names an unexported type stops the build.
 */
export async function documentPackage(pkg: DocsPackage): Promise<TypedocResult> {
  const app = await Application.bootstrapWithPlugins({
    name: pkg.name,
    entryPoints: entryPoints(pkg),
    entryPointStrategy: 'resolve',
    tsconfig: `${repoRoot}packages/${pkg.dir}/tsconfig.json`,
    readme: 'none',
    out: `${docsRoot}api/${pkg.dir}`,
    plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
    excludePrivate: true,
    // Protected members serve subclasses inside a package; the reference documents what users call.
    excludeProtected: true,
    excludeInternal: true,
    excludeExternals: true,
    githubPages: false,
    hideGenerator: true,
    gitRevision: 'main',
    displayBasePath: repoRoot,
    sourceLinkTemplate: 'https://github.com/init-toolkit/init/blob/{gitRevision}/{path}#L{line}',
    validation: { notExported: true, invalidLink: true, notDocumented: true, rewrittenLink: true },
    requiredToBeDocumented: [...REQUIRED_KINDS],
    treatValidationWarningsAsErrors: true,
    intentionallyNotExported: [...(PENDING[pkg.dir]?.notExported ?? [])],
    intentionallyNotDocumented: [...(PENDING[pkg.dir]?.notDocumented ?? [])],
    externalSymbolLinkMappings: {
      [pkg.name]: Object.fromEntries((PENDING[pkg.dir]?.unexportedLinks ?? []).map((name) => [name, '#'])),
    },
    // Options of typedoc-plugin-markdown and typedoc-vitepress-theme.
    ...({
      docsRoot,
      excludeScopesInPaths: true,
      entryFileName: 'index',
      hidePageHeader: true,
      useCodeBlocks: true,
      parametersFormat: 'table',
      sanitizeComments: true,
      sidebar: { autoConfiguration: true, format: 'vitepress', pretty: true, collapsed: true },
    } as Record<string, unknown>),
  });
  renameModules(app, pkg);
  const project = await app.convert();
  // As strict as TypeDoc's CLI with treatWarningsAsErrors: a warning from conversion (an `@param`
  // naming no parameter, an unknown tag) or from validation (an undocumented export) fails.
  let ok = project !== undefined && !app.logger.hasErrors() && !app.logger.hasWarnings();
  if (project && ok) {
    app.validate(project);
    ok = !app.logger.hasErrors() && !app.logger.hasWarnings();
    if (ok) await app.generateOutputs(project);
    ok = ok && !app.logger.hasErrors() && !app.logger.hasWarnings();
  }
  return { pkg: pkg.name, ok, errors: app.logger.errorCount, warnings: app.logger.warningCount };
}

/** The landing page of the API reference, linking each package's generated section. */
export function apiIndexPage(packages: readonly DocsPackage[]): string {
  const rows = packages.map((pkg) => `| [\`${pkg.name}\`](./${pkg.dir}/) | ${pkg.summary} |`);
  return [
    '# API reference',
    '',
    'Generated from the TSDoc comments of each package by TypeDoc. The build fails when an export has no',
    'documentation, so every function, class, interface, type and constant below is described.',
    '',
    '| package | what it holds |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}
