import { version } from '../package.json';

/**
 * The package version, taken from package.json when the package is built (the bundler inlines the
 * string), so it is right in the published tarball without reading files at run time.
 *
 * @example
 * ```ts
 * VERSION; // => '0.0.0' (before the first release)
 * ```
 */
export const VERSION: string = version;
