import type { Options } from 'tsup';

/**
 * Build options shared by every published package: ESM and CJS with separate
 * `.d.ts` / `.d.cts` declarations and source maps. Kept to plain options
 * (entry, format, dts, sourcemap, target) so a move to tsdown is mechanical.
 */
export const packageBuild: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
};
