// Bundled for Chromium by src/data-browser.test.ts: exposes the data fingerprint to the page.
import { dataFingerprint } from '../src/data-fingerprint';

(globalThis as unknown as { nnDataFingerprint: typeof dataFingerprint }).nnDataFingerprint = dataFingerprint;
