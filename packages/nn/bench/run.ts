// Runs every bench/*.bench.ts module's exported `run()` in name order, or only those whose file
// name contains one of the command-line arguments: `pnpm --filter @init/nn bench [mlp lstm ...]`.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface BenchModule {
  run(): void | Promise<void>;
}

const dir = new URL('./', import.meta.url);
const filters = process.argv.slice(2);
const files = readdirSync(fileURLToPath(dir))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`no bench/*.bench.ts matches ${filters.join(', ')}`);
  process.exitCode = 1;
}
for (const file of files) {
  const mod = (await import(new URL(file, dir).href)) as Partial<BenchModule>;
  if (typeof mod.run !== 'function') throw new Error(`${file} does not export run()`);
  console.log(`\n## ${file} (${new Date().toISOString()}, Node ${process.version})\n`);
  await mod.run();
}
