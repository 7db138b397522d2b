/**
 * @init/rng/node: Node-only additions to `@init/rng` (worker threads). Browser bundles never import this.
 *
 * @packageDocumentation
 */

export {
  type Bfloat16FillOptions,
  createParallelFiller,
  type ParallelFiller,
  type ParallelFillerOptions,
  type ParallelFillOptions,
} from './parallel-fill';
