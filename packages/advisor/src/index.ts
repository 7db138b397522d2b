/**
 * @init/advisor: Which initialization for which network, with reasons; analytic signal-propagation math; a CLI.
 *
 * @packageDocumentation
 */

/** The package's name, exported so the skeleton has a testable public surface. */
export const PACKAGE_NAME = '@init/advisor';
