import { reproducibilityHashes } from './reproducibility-cases';

(globalThis as unknown as { schemesReproducibility: typeof reproducibilityHashes }).schemesReproducibility =
  reproducibilityHashes;
