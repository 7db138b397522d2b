/**
 * @init/nn: A small, fast training library whose layers take @init initializers and report per-layer statistics.
 *
 * @packageDocumentation
 */

/** The package's name, exported so the skeleton has a testable public surface. */
export const PACKAGE_NAME = '@init/nn';
