/**
 * @init/rng/node: Node-only additions to `@init/rng` (worker threads). Browser bundles never import this.
 *
 * @packageDocumentation
 */

export {
  createParallelFiller,
  type Bfloat16FillOptions,
  type ParallelFiller,
  type ParallelFillerOptions,
  type ParallelFillOptions,
} from './parallel-fill';
