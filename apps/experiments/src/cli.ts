import { parseArgs } from './args.ts';
import { EXPERIMENTS } from './registry.ts';
import { HELP, listText, runExperiments } from './runner.ts';

const parsed = parseArgs(
  process.argv.slice(2),
  EXPERIMENTS.map((e) => e.name),
);
if (parsed.kind === 'error') {
  process.stderr.write(`experiments: ${parsed.message}\n`);
  process.exit(parsed.exitCode);
} else if (parsed.kind === 'list') {
  process.stdout.write(listText(EXPERIMENTS));
} else if (parsed.kind === 'help') {
  process.stdout.write(HELP);
} else {
  process.exitCode = await runExperiments(EXPERIMENTS, parsed);
}
