/**
 * @init/rng: Seeded, reproducible, fast random streams and every distribution a weight initializer needs.
 *
 * @packageDocumentation
 */

/** The package's name, exported so the skeleton has a testable public surface. */
export const PACKAGE_NAME = '@init/rng';
