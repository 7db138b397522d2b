import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { depthReluFigures, type Run } from './experiments/depth-relu.ts';
import { APP_DIR } from './results.ts';

/**
 * Redraws the figures of a committed depth-relu result from its JSON (the numbers are not recomputed), so a
 * change of figure layout does not need the ten-minute run again. Usage: `npx tsx src/refigure.ts`.
 */
export function redrawDepthRelu(dir = join(APP_DIR, 'results')): string[] {
  const file = JSON.parse(readFileSync(join(dir, 'depth-relu.json'), 'utf8')) as {
    settings: { depths: number[] };
    data: { runs: Record<string, Record<number, Run[]>> };
  };
  const figures = depthReluFigures(file.data.runs, file.settings);
  return Object.entries(figures).map(([name, svg]) => {
    const path = join(dir, `depth-relu-${name}.svg`);
    writeFileSync(path, `${svg}\n`);
    return path;
  });
}

if (process.argv[1]?.endsWith('refigure.ts')) redrawDepthRelu();
