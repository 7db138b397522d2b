/**
 * @init/advisor/node: Node-only additions to `@init/advisor`: a model's initial checkpoint streamed to disk.
 * Browser bundles never import this.
 *
 * @packageDocumentation
 */

export {
  type CheckpointSidecar,
  DIGEST_BLOCK_BYTES,
  fileDigest,
  sidecarPath,
} from './checkpoint-digest';
export {
  type DiskDtype,
  type MaterializedFile,
  type MaterializeProgress,
  type MaterializeToDiskOptions,
  type MaterializeToDiskResult,
  materializeToDisk,
  planModelCheckpoint,
} from './materialize-to-disk';
