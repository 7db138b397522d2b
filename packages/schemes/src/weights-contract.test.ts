import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from './index';

// Every public function of the weights-file code, called with arbitrary hostile arguments, returns or throws
// InitError: never a TypeError or RangeError, whatever the input (null, prototype-less objects, BigInt, symbols).
const FUNCTIONS = [
  'encodeNpy',
  'decodeNpy',
  'npyHeader',
  'parseNpyHeader',
  'encodeSafetensors',
  'decodeSafetensors',
  'buildSafetensorsHeader',
  'parseSafetensorsHeader',
  'safetensorsHeaderLength',
  'planCheckpoint',
  'checkpointIndexJson',
  'chunkGenerator',
  'fillChunk',
  'parameterStream',
  'float32ToBfloat16',
  'float32ToFloat16',
  'bfloat16ToFloat32',
  'float16ToFloat32',
] as const;

const hostile = fc.oneof(
  fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true, maxDepth: 2 }),
  fc.constantFrom(Symbol('s'), Object.create(null), new Uint8Array(3), [1.5], [-1], { name: 'normal' }, [
    { name: 'w' },
  ]),
);

describe('weights functions: only InitError on hostile input', () => {
  for (const name of FUNCTIONS) {
    it(name, () => {
      const f = (api as unknown as Record<string, (...a: unknown[]) => unknown>)[name] as (
        ...a: unknown[]
      ) => unknown;
      fc.assert(
        fc.property(fc.array(hostile, { maxLength: 4 }), (args) => {
          try {
            f(...args);
          } catch (e) {
            if (!(e instanceof api.InitError)) throw e;
          }
        }),
        { numRuns: 200, seed: 99 },
      );
      expect(typeof f).toBe('function');
    });
  }
});
