/** Largest header a weights file may declare (100 MB), checked before anything is allocated for it. */
export const MAX_HEADER_BYTES = 100 * 1024 * 1024;

/** Largest tensor element count the readers and writers accept (2^53 - 1, exact in a double). */
export const MAX_ELEMENTS = Number.MAX_SAFE_INTEGER;
