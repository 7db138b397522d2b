import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a committed JSON fixture of `test/fixtures`. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8')) as T;
}

export interface DecompositionCase {
  name: string;
  a: number[][];
  r: number[][];
  s: number[];
  rank: number;
}
