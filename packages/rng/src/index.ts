/**
 * @init/rng: seeded, reproducible, fast random streams and every distribution a weight initializer needs.
 *
 * @packageDocumentation
 */

export {
  ALGORITHMS,
  type CreateRngOptions,
  createRng,
  DEFAULT_ALGORITHM,
  fromState,
} from './create-rng';
export { RngError, type RngErrorCode } from './errors';
export { fillBackend, setFillBackend } from './fill-kernels';
export { MAX_ELEMENTS, MAX_SPLIT } from './limits';
export type { Algorithm, ArrayOptions, FillOptions, FloatArray, Rng, RngState } from './rng-types';
export type { Seed } from './seed';
export {
  keyFillBernoulli,
  keyFillNormal,
  keyFillTruncatedNormal,
  keyFillUniform,
  type StreamKey,
  streamKey,
} from './stream-key';
export { isRng, toRng } from './to-rng';
