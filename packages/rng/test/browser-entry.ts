// Entry bundled by src/browser.test.ts (esbuild, IIFE) and run in Chromium.
import { reproducibilityHashes } from './reproducibility-cases';

(globalThis as { rngReproducibility?: typeof reproducibilityHashes }).rngReproducibility =
  reproducibilityHashes;
