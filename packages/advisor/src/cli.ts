#!/usr/bin/env node
import { type CliResult, runCli } from './cli-run';

const argv = process.argv.slice(2);
// materialize and inspect read and write files asynchronously and load the Node-only streaming code;
// they are imported only when asked for, so every other command runs without it.
async function run(): Promise<CliResult> {
  if (argv[0] === 'materialize') {
    const { runMaterializeCli } = await import('./cli-materialize');
    return runMaterializeCli(argv.slice(1), {
      stderr: process.stderr,
      onInterrupt: (abort) => process.once('SIGINT', abort),
    });
  }
  if (argv[0] === 'inspect') {
    const { runInspectCli } = await import('./cli-inspect');
    return runInspectCli(argv.slice(1));
  }
  return runCli(argv);
}
void run().then((result) => {
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.code;
});
