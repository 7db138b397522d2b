/**
 * @init/rng/node: Node-only additions to `@init/rng` (worker threads). Browser bundles never import this.
 *
 * @packageDocumentation
 */

export { createParallelFiller, type ParallelFiller, type ParallelFillerOptions } from './parallel-fill';
