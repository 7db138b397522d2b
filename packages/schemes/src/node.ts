/**
 * @init/schemes/node: Node-only additions to `@init/schemes`: weights files read and written through file
 * handles (never a whole large file in memory), atomic writes, and chunk generation shared over worker threads.
 * Browser bundles never import this.
 *
 * @packageDocumentation
 */

export {
  type AtomicDirectHandle,
  type AtomicFile,
  type AtomicFileHandle,
  type AtomicFileSystem,
  nodeFileSystem,
  type OpenAtomicFileOptions,
  openAtomicFile,
  partialPath,
} from './atomic-file';
export { alignedBytes } from './direct-writes';
export { createParallelChunkFiller, type ParallelChunkFiller } from './parallel-chunks';
export {
  type FileValues,
  type NpyFile,
  openNpyFile,
  openSafetensorsFile,
  type SafetensorsFile,
} from './weights-file-readers';
export {
  type DataChunks,
  type SafetensorsFileTensor,
  writeNpyFile,
  writeSafetensorsFile,
} from './weights-file-writers';
