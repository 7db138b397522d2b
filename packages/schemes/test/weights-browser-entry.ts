import { weightsFileHashes } from './weights-browser-cases';

(globalThis as unknown as { weightsFileHashes: typeof weightsFileHashes }).weightsFileHashes =
  weightsFileHashes;
