import { execFileSync } from 'node:child_process';
import { repoRoot } from './packages';

/** The built CLI of @init/advisor (needs `pnpm build` of the package). */
export const cliBin = `${repoRoot}packages/advisor/bin/init-advisor.js`;

/** Runs `init-advisor` with `args` and returns what it printed (stdout; it must exit 0). */
export function runCli(args: readonly string[], cwd = repoRoot): string {
  return execFileSync(process.execPath, [cliBin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
}

/** One command of the CLI, with its help text as the CLI prints it. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
}

/** Parses the command list of `init-advisor --help` (lines `  name  summary` under `Commands:`). */
export function parseCommands(help: string): { name: string; summary: string }[] {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => line.trim() === 'Commands:');
  const out: { name: string; summary: string }[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}([a-z]+) +(.+)$/.exec(line);
    if (!match) break;
    out.push({ name: match[1] ?? '', summary: match[2] ?? '' });
  }
  return out;
}

/** Every command of the CLI with its `--help` text, in the order the CLI lists them. */
export function cliCommands(): CliCommand[] {
  return parseCommands(runCli(['--help'])).map((c) => ({ ...c, help: runCli([c.name, '--help']).trimEnd() }));
}
