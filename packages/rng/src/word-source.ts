/** Anything that yields uniformly distributed 32-bit words: the input every sampler in this package consumes. */
export interface WordSource {
  /** Next word, an integer in [0, 2^32). */
  nextUint32(): number;
}

/** 2^-53. */
export const TWO_M53 = 2 ** -53;
/** 2^-24. */
export const TWO_M24 = 2 ** -24;

/**
 * Uniform float64 in [0, 1) with 53 random bits from two words a, b (in that order):
 * u = ((a >>> 11) * 2^32 + b) * 2^-53.
 */
export function uniform53(src: WordSource): number {
  const a = src.nextUint32();
  const b = src.nextUint32();
  return ((a >>> 11) * 4294967296 + b) * TWO_M53;
}
