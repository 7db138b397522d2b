// One materialize run in its own process, so its peak RSS is its own. Uses the built package.
// Usage: node bench/materialize-child.mjs '<json config>' OUT_DIR DTYPE WORKERS
import { materializeToDisk } from '@init/advisor/node';

const [config, out, dtype, workers] = process.argv.slice(2);
const rssBefore = process.memoryUsage().rss;
const result = await materializeToDisk(JSON.parse(config), { out, dtype, workers: Number(workers), seed: 0 });
const bytes = result.files.reduce((a, f) => a + f.size, 0);
console.log(
  JSON.stringify({
    seconds: result.seconds,
    bytes,
    gbPerSecond: bytes / 1e9 / result.seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb: rssBefore / 2 ** 20,
  }),
);
