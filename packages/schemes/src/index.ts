/**
 * @init/schemes: Every weight initialization scheme, with exact, layout-aware fan and gain rules.
 *
 * @packageDocumentation
 */

/** The package's name, exported so the skeleton has a testable public surface. */
export const PACKAGE_NAME = '@init/schemes';
