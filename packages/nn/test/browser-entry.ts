// Browser bundle entry of src/browser.test.ts.
import { trainingFingerprint } from './training-run';

(globalThis as unknown as { nnReproducibility: typeof trainingFingerprint }).nnReproducibility =
  trainingFingerprint;
