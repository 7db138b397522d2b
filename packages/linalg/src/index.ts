/**
 * @init/linalg: Dense matrices, GEMM, Householder QR, SVD and the orthogonality and spectrum checks built on them.
 *
 * @packageDocumentation
 */

/** The package's name, exported so the skeleton has a testable public surface. */
export const PACKAGE_NAME = '@init/linalg';
