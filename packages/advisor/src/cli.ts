#!/usr/bin/env node
import { runInspectCli } from './cli-inspect';
import { runMaterializeCli } from './cli-materialize';
import { type CliResult, runCli } from './cli-run';

const argv = process.argv.slice(2);
// materialize and inspect read and write files asynchronously; every other command is synchronous.
const pending: Promise<CliResult> =
  argv[0] === 'materialize'
    ? runMaterializeCli(argv.slice(1), {
        stderr: process.stderr,
        onInterrupt: (abort) => process.once('SIGINT', abort),
      })
    : argv[0] === 'inspect'
      ? runInspectCli(argv.slice(1))
      : Promise.resolve(runCli(argv));
void pending.then((result) => {
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.code;
});
