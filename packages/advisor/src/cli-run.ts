import { readFileSync, statSync } from 'node:fs';
import type { ActivationInput, ActivationSpec } from './activations';
import { type FlagSpec, type ParsedArgs, parseArgs } from './cli-args';
import {
  errorLine,
  formatConfig,
  formatNumber,
  jsonText,
  printable,
  printableLines,
  section,
  table,
} from './cli-format';
import { MAX_JSON_BYTES, parseUntrustedJson } from './cli-json';
import { checkSchemeConfig, type RecommendContext, type SchemeConfig } from './context';
import { decisionTable, decisionTableMarkdown } from './decision-table';
import { AdvisorError } from './errors';
import { explain } from './explain';
import { criticalSigmaW, depthScales } from './mean-field';
import { phaseNote } from './phase-note';
import { type ModelDescription, plan } from './plan';
import { recommend } from './recommend';
import { weightStatistics } from './scheme-statistics';
import { MAX_DEPTH, propagate } from './signal-propagation';
import { activationMoments, varianceGain } from './variance-gain';
import { VERSION } from './version';

/** What one CLI invocation produced. */
export interface CliResult {
  /** 0 success, 2 bad input (usage, names, JSON), 1 internal failure. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const JSON_FLAG: FlagSpec = {
  name: 'json',
  kind: 'boolean',
  help: 'machine-readable output (see README, "JSON output")',
};
const HELP_FLAG: FlagSpec = { name: 'help', kind: 'boolean', help: 'show help for this command' };
const ACT_PARAMS: FlagSpec[] = [
  { name: 'slope', kind: 'number', help: 'leaky_relu negative slope (default 0.01)' },
  { name: 'alpha', kind: 'number', help: 'elu alpha (default 1)' },
];

interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
  readonly positionals: readonly [min: number, max: number];
  run(args: ParsedArgs, json: boolean): string;
}

function activationFrom(name: string, args: ParsedArgs): ActivationInput {
  const slope = args.flags.get('slope');
  const alpha = args.flags.get('alpha');
  if (slope === undefined && alpha === undefined) return name as ActivationInput;
  const spec: { name: string; slope?: number; alpha?: number } = { name };
  if (typeof slope === 'number') spec.slope = slope;
  if (typeof alpha === 'number') spec.alpha = alpha;
  return spec as ActivationSpec;
}

function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function num(args: ParsedArgs, name: string): number | undefined {
  const v = args.flags.get(name);
  return typeof v === 'number' ? v : undefined;
}

function envelope(command: string, result: unknown): string {
  return `${jsonText({ command, result }, 2)}\n`;
}

/** A scheme given on the command line: a registry name, or a JSON config object. */
function schemeArg(text: string, argument: string): SchemeConfig {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return checkSchemeConfig(parseUntrustedJson(trimmed, argument), argument);
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(trimmed)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      'expected a scheme name or a JSON config such as {"name":"normal","std":0.02}',
    );
  }
  return { name: trimmed };
}

function readJsonFile(path: string): unknown {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new AdvisorError('INVALID_ARGUMENT', path, 'not a regular file');
    size = st.size;
  } catch (e) {
    if (e instanceof AdvisorError) throw e;
    throw new AdvisorError('INVALID_ARGUMENT', path, 'cannot read the file (does it exist?)');
  }
  if (size > MAX_JSON_BYTES)
    throw new AdvisorError('TOO_LARGE', path, `file is ${size} bytes; at most ${MAX_JSON_BYTES}`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new AdvisorError('INVALID_ARGUMENT', path, 'cannot read the file');
  }
  let text: string;
  try {
    // Strict decoding: invalid byte sequences are an error, not silently replaced; a leading BOM is dropped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AdvisorError('INVALID_ARGUMENT', path, 'the file is not valid UTF-8 text');
  }
  return parseUntrustedJson(text, path);
}

// ------------------------------------------------------------------ commands

const recommendCmd: Command = {
  name: 'recommend',
  usage:
    'init-advisor recommend [--activation A] [--arch X] [--depth N] [--width N] [--norm none|batch|layer] [--residual] [--target default|edge] [--preset P | --use-case WORDS] [--output-activation A] [--considering SCHEME] [--json]',
  summary: 'which initialization to use, with reasons, alternatives, warnings and sources',
  positionals: [0, 0],
  flags: [
    {
      name: 'activation',
      kind: 'string',
      help: 'hidden activation (relu, leaky_relu, elu, selu, gelu, silu, mish, softplus, tanh, sigmoid, linear)',
    },
    ...ACT_PARAMS,
    { name: 'arch', kind: 'string', help: 'mlp, cnn, rnn, lstm, gru, transformer, resnet, autoencoder' },
    { name: 'depth', kind: 'integer', help: 'number of weight layers (blocks for resnet/transformer)' },
    { name: 'width', kind: 'integer', help: 'typical layer width' },
    { name: 'norm', kind: 'string', help: 'none, batch or layer' },
    { name: 'residual', kind: 'boolean', help: 'the network has skip connections' },
    { name: 'target', kind: 'string', help: 'default or edge (low power / low memory)' },
    {
      name: 'preset',
      kind: 'string',
      help: 'digit_recognition, chatbot_memory, movie_recommender, iot_face_detection, selu_stock_prediction, voice_commands',
    },
    {
      name: 'use-case',
      kind: 'string',
      help: 'the use case in words, e.g. "stock prediction with SELU"; matched to a row of the source document\'s use-case table',
    },
    {
      name: 'output-activation',
      kind: 'string',
      help: 'activation of the output layer (e.g. sigmoid; softmax is read as linear logits)',
    },
    {
      name: 'considering',
      kind: 'string',
      help: 'a scheme you plan to use, checked for pitfalls (name or JSON config)',
    },
    JSON_FLAG,
    HELP_FLAG,
  ],
  run(args, json) {
    const context: Record<string, unknown> = {};
    const activation = str(args, 'activation');
    if (activation !== undefined) context.activation = activationFrom(activation, args);
    else if (args.flags.has('slope') || args.flags.has('alpha')) {
      throw new AdvisorError('INVALID_ARGUMENT', '--slope', '--slope/--alpha need --activation');
    }
    const map: [string, string][] = [
      ['arch', 'architecture'],
      ['norm', 'normalization'],
      ['target', 'target'],
      ['preset', 'preset'],
      ['use-case', 'useCase'],
      ['output-activation', 'outputActivation'],
    ];
    for (const [flag, key] of map) {
      const v = str(args, flag);
      if (v !== undefined) context[key] = v;
    }
    for (const key of ['depth', 'width']) {
      const v = num(args, key);
      if (v !== undefined) context[key] = v;
    }
    if (args.flags.get('residual') === true) context.residual = true;
    const considering = str(args, 'considering');
    if (considering !== undefined) context.considering = schemeArg(considering, '--considering');
    const r = recommend(context as RecommendContext);
    if (json) return envelope('recommend', r);
    let out = `Recommended scheme: ${formatConfig(r.scheme)}\n`;
    if (r.bias) out += `Bias:               ${formatConfig(r.bias)}\n`;
    if (r.useCase) {
      out += `Use case:           '${r.useCase.row}' (preset ${r.useCase.preset}), matched on ${r.useCase.words.map((w) => `'${printable(w)}'`).join(', ')}\n`;
    }
    out += '\n';
    if (r.roles.length > 0) {
      out += `Special parameters\n${indent(
        table(
          ['role', 'scheme', 'why'],
          r.roles.map((x) => [x.role, formatConfig(x.scheme), x.reason]),
        ),
      )}\n\n`;
    }
    out += section('Why', r.reasons);
    if (r.alternatives.length > 0) {
      out += `\nAlternatives\n${indent(
        table(
          ['scheme', 'trade-off'],
          r.alternatives.map((a) => [formatConfig(a.scheme), a.tradeoff]),
        ),
      )}\n`;
    }
    if (r.warnings.length > 0) out += `\n${section('Warnings', r.warnings, '!')}`;
    if (r.assumptions.length > 0) out += `\n${section('Assumed', r.assumptions)}`;
    if (r.signal) out += `\nSignal (mean field): ${r.signal.summary}\n`;
    out += `\nRules: ${r.ruleIds.join(', ')}\n`;
    out += `\n${section(
      'Sources',
      r.sources.map((s) => s.title),
    )}`;
    return out;
  },
};

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

const planCmd: Command = {
  name: 'plan',
  usage: 'init-advisor plan MODEL.json [--json]',
  summary: 'a scheme for every weight and bias of a model described in JSON',
  positionals: [1, 1],
  flags: [JSON_FLAG, HELP_FLAG],
  run(args, json) {
    const path = args.positionals[0]!;
    const model = readJsonFile(path);
    const p = plan(model as ModelDescription);
    if (json) return envelope('plan', p);
    let out = `Plan${p.name ? ` for ${printable(p.name)}` : ''}\n`;
    out += `${indent(
      table(
        ['layer', 'parameter', 'shape', 'scheme', 'rule'],
        p.parameters.map((x) => [
          printable(x.layer),
          x.parameter,
          `[${x.shape.join(', ')}]`,
          formatConfig(x.scheme),
          x.rule,
        ]),
      ),
    )}\n\n`;
    out += section('Assumed', p.assumptions);
    if (p.warnings.length > 0) out += `\n${section('Warnings', p.warnings, '!')}`;
    if (p.signal) out += `\nSignal (mean field): ${p.signal.summary}\n`;
    return out;
  },
};

const gainCmd: Command = {
  name: 'gain',
  usage: 'init-advisor gain ACTIVATION... [--slope S] [--alpha A] [--json]',
  summary: 'variance-preserving gains 1/sqrt(E[phi(z)^2]) and 1/sqrt(Var[phi(z)]), z ~ N(0, 1)',
  positionals: [1, 20],
  flags: [...ACT_PARAMS, JSON_FLAG, HELP_FLAG],
  run(args, json) {
    const rows = args.positionals.map((name) => {
      const act = activationFrom(name, args);
      const m = activationMoments(act);
      return {
        activation: name,
        gain: varianceGain(act),
        centeredGain: m.variance > 0 ? varianceGain(act, { centered: true }) : null,
        mean: m.mean,
        secondMoment: m.secondMoment,
        variance: m.variance,
      };
    });
    if (json) return envelope('gain', rows);
    return `${table(
      ['activation', 'gain', 'centered gain', 'E[phi]', 'E[phi^2]', 'Var[phi]'],
      rows.map((r) => [
        printable(r.activation),
        fixed9(r.gain),
        r.centeredGain === null ? '-' : fixed9(r.centeredGain),
        fixed9(r.mean),
        fixed9(r.secondMoment),
        fixed9(r.variance),
      ]),
    )}\n\ngain: W ~ N(0, gain^2 / fan_in) keeps unit pre-activation variance; centered gain: the same when weight rows have zero mean.\n`;
  },
};

/** Nine decimals, without a '-0.000000000' for values that are zero up to rounding. */
function fixed9(x: number): string {
  return (Math.abs(x) < 5e-10 ? 0 : x).toFixed(9);
}

const FIXED_SCALE = new Set(['normal', 'uniform', 'truncated_normal', 'random_small', 'sparse', 'constant']);

const propagateCmd: Command = {
  name: 'propagate',
  usage: 'init-advisor propagate --activation A --scheme SCHEME --depth N [--width N] [--sigma-b S] [--json]',
  summary: 'mean-field prediction of variance and gradients layer by layer, with a verdict',
  positionals: [0, 0],
  flags: [
    { name: 'activation', kind: 'string', help: 'hidden activation' },
    ...ACT_PARAMS,
    {
      name: 'scheme',
      kind: 'string',
      help: 'scheme name or JSON config (e.g. xavier_normal, {"name":"normal","std":0.02})',
    },
    { name: 'depth', kind: 'integer', help: `number of layers, 1..${MAX_DEPTH}` },
    { name: 'width', kind: 'integer', help: 'layer width (required for fixed-scale schemes such as normal)' },
    { name: 'sigma-b', kind: 'number', help: 'bias standard deviation (default 0)' },
    JSON_FLAG,
    HELP_FLAG,
  ],
  run(args, json) {
    const activation = str(args, 'activation');
    const schemeText = str(args, 'scheme');
    const depth = num(args, 'depth');
    for (const [flag, v] of [
      ['--activation', activation],
      ['--scheme', schemeText],
      ['--depth', depth],
    ] as const) {
      if (v === undefined) throw new AdvisorError('INVALID_ARGUMENT', flag, 'is required');
    }
    const scheme = schemeArg(schemeText!, '--scheme');
    const width = num(args, 'width');
    if (width === undefined && FIXED_SCALE.has(scheme.name)) {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        '--width',
        `is required for '${scheme.name}', whose scale does not follow the fan`,
      );
    }
    if (width !== undefined && (width < 1 || width > 1 << 20)) {
      throw new AdvisorError('INVALID_ARGUMENT', '--width', `expected an integer in [1, ${1 << 20}]`);
    }
    const sigmaB = num(args, 'sigma-b') ?? 0;
    if (sigmaB < 0) throw new AdvisorError('INVALID_ARGUMENT', '--sigma-b', 'expected a number >= 0');
    const act = activationFrom(activation!, args);
    const w = width ?? 512;
    const stats = weightStatistics(scheme, [w, w]);
    if (!(stats.sigmaW2 > 0)) {
      throw new AdvisorError(
        'UNSUPPORTED',
        '--scheme',
        `'${scheme.name}' gives every weight the same value; there is no signal to propagate (symmetry is never broken)`,
      );
    }
    const report = propagate({
      activation: act,
      depth: depth!,
      sigmaW2: stats.sigmaW2,
      sigmaB2: sigmaB * sigmaB,
    });
    let scales: ReturnType<typeof depthScales> | undefined;
    try {
      scales = depthScales(act, { sigmaW2: stats.sigmaW2, sigmaB2: sigmaB * sigmaB });
    } catch {
      scales = undefined;
    }
    const note = scales ? phaseNote(scales, report, sigmaB * sigmaB) : undefined;
    if (json) {
      return envelope('propagate', {
        scheme: formatConfig(scheme),
        sigmaW2: stats.sigmaW2,
        sigmaB2: sigmaB * sigmaB,
        depthScales: scales ?? null,
        ...report,
        note: note ?? null,
      });
    }
    const n = report.layers.length;
    const pickRows = new Set<number>();
    const step = Math.max(1, Math.ceil(n / 20));
    for (let i = 0; i < n; i += step) pickRows.add(i);
    pickRows.add(n - 1);
    if (report.signalLostAt !== null && report.lostIn !== 'backward') pickRows.add(report.signalLostAt - 1);
    const rows = [...pickRows]
      .sort((a, b) => a - b)
      .map((i) => {
        const l = report.layers[i]!;
        return [
          String(l.index),
          formatNumber(l.q),
          formatNumber(l.forwardRatio),
          formatNumber(l.gradNormRatio),
          formatNumber(l.slopeRetention),
        ];
      });
    let out = `${printable(activation!)} with ${formatConfig(scheme)}: sigma_w^2 = ${formatNumber(stats.sigmaW2)}${width === undefined ? ' (square layers)' : ` (width ${w})`}, sigma_b^2 = ${formatNumber(sigmaB * sigmaB)}, depth ${depth}\n\n`;
    out += `${table(['layer', 'q (pre-act var)', 'q / q_1', 'grad norm ratio', 'slope kept'], rows)}\n\n`;
    if (scales) {
      out += `Fixed point q* = ${formatNumber(scales.qStar)}, chi_1 = ${formatNumber(scales.chi1)} (${scales.phase}); depth scales: xi_q = ${formatNumber(scales.xiQ)}, xi_c = ${formatNumber(scales.xiC)}, xi_grad = ${formatNumber(scales.xiGrad)}\n`;
    }
    out += `Verdict: ${report.summary}\n`;
    if (note !== undefined) out += `Note: ${note}\n`;
    return out;
  },
};

const criticalCmd: Command = {
  name: 'critical',
  usage: 'init-advisor critical ACTIVATION [--sigma-b S] [--slope S] [--alpha A] [--json]',
  summary: 'the edge-of-chaos sigma_w (chi_1 = 1) for a bias scale sigma_b',
  positionals: [1, 1],
  flags: [
    { name: 'sigma-b', kind: 'number', help: 'bias standard deviation (default 0)' },
    ...ACT_PARAMS,
    JSON_FLAG,
    HELP_FLAG,
  ],
  run(args, json) {
    const act = activationFrom(args.positionals[0]!, args);
    const c = criticalSigmaW(act, num(args, 'sigma-b') ?? 0);
    if (json) return envelope('critical', c);
    return `${table(['sigma_w', 'sigma_w^2', 'sigma_b^2', 'q*', 'chi_1'], [[c.sigmaW, c.sigmaW2, c.sigmaB2, c.qStar, c.chi1].map((x) => formatNumber(x))])}\n`;
  },
};

const explainCmd: Command = {
  name: 'explain',
  usage: 'init-advisor explain SCHEME [--json]',
  summary: 'formula, when to use it, why it works, pitfalls',
  positionals: [1, 1],
  flags: [JSON_FLAG, HELP_FLAG],
  run(args, json) {
    const text = args.positionals[0]!;
    const e = explain(text.trim().startsWith('{') ? schemeArg(text, 'scheme') : text.slice(0, 100));
    if (json) return envelope('explain', e);
    return `${e.name}\n\nFormula:  ${e.formula}\nUse when: ${e.whenToUse}\nWhy:      ${e.why}\n\n${section('Pitfalls', e.pitfalls, '!')}${e.pitfalls.length ? '\n' : ''}${section(
      'Sources',
      e.sources.map((s) => s.title),
    )}`;
  },
};

const rulesCmd: Command = {
  name: 'rules',
  usage: 'init-advisor rules [--json]',
  summary: 'the decision table (Markdown), generated from the rule data',
  positionals: [0, 0],
  flags: [JSON_FLAG, HELP_FLAG],
  run(_args, json) {
    if (json) return envelope('rules', decisionTable());
    return `${decisionTableMarkdown()}\n`;
  },
};

const COMMANDS: readonly Command[] = [
  recommendCmd,
  planCmd,
  gainCmd,
  propagateCmd,
  criticalCmd,
  explainCmd,
  rulesCmd,
];

function commandHelp(c: Command): string {
  return `${c.summary}\n\nUsage: ${c.usage}\n\nOptions:\n${c.flags.map((f) => `  --${f.name}${f.kind === 'boolean' ? '' : ` <${f.kind === 'string' ? 'value' : f.kind}>`}  ${f.help}`).join('\n')}\n`;
}

/** The top-level help text. */
export function helpText(): string {
  return `init-advisor: which weight initialization, and why; numeric gains and mean-field signal propagation.\n\nUsage: init-advisor <command> [options]\n\nCommands:\n${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}\n  materialize stream a model's initial weights to .safetensors files (GPT-2, LLaMA, plans, lists)\n  inspect    per-tensor statistics of a weights file and the initialization they match\n\nRun 'init-advisor <command> --help' for a command's options, 'init-advisor --version' for the version. Add --json for machine-readable output.\nExit codes: 0 success, 2 bad input, 1 internal error.\n\nExamples:\n  init-advisor recommend --activation relu --arch cnn --depth 50\n  init-advisor plan model.json --json\n  init-advisor gain gelu\n  init-advisor propagate --activation tanh --scheme xavier_normal --depth 100\n  init-advisor explain orthogonal\n`;
}

/**
 * Runs the CLI on an argument vector (without `node` and the script path) and returns what it
 * would print and its exit code. Never throws; never evaluates user input.
 *
 * @param argv - Arguments, e.g. `['gain', 'gelu']`.
 * @returns Exit code, stdout and stderr text.
 * @example
 * ```ts
 * runCli(['gain', 'relu', '--json']).code; // => 0
 * ```
 */
export function runCli(argv: readonly string[]): CliResult {
  const json = argv.includes('--json');
  try {
    const [name, ...rest] = argv;
    if (name === '--version' || name === '-V' || name === 'version') {
      if (rest.length > 0) {
        throw new AdvisorError('INVALID_ARGUMENT', name, `takes no arguments, got ${rest.length}`);
      }
      return { code: 0, stdout: `${VERSION}\n`, stderr: '' };
    }
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      return { code: 0, stdout: topic ? commandHelp(topic) : helpText(), stderr: '' };
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (command === undefined) {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        'command',
        `unknown command '${name.slice(0, 40)}'; allowed: ${[...COMMANDS.map((c) => c.name), 'materialize', 'inspect'].join(', ')}`,
      );
    }
    const args = parseArgs(rest, command.flags, command.name);
    if (args.flags.get('help') === true) return { code: 0, stdout: commandHelp(command), stderr: '' };
    const [min, max] = command.positionals;
    if (args.positionals.length < min || args.positionals.length > max) {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        command.name,
        `expected ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.positionals.length}. Usage: ${command.usage}`,
      );
    }
    const stdout = command.run(args, json);
    return { code: 0, stdout: json ? stdout : printableLines(stdout), stderr: '' };
  } catch (e) {
    if (e instanceof AdvisorError) {
      const stderr = json
        ? `${jsonText({ error: { code: e.code, argument: errorLine(e.argument), message: errorLine(e.message) } })}\n`
        : `init-advisor: error: ${errorLine(e.message)}\n`;
      return { code: 2, stdout: '', stderr };
    }
    const message = e instanceof Error ? e.message : String(e);
    return {
      code: 1,
      stdout: '',
      stderr: `init-advisor: internal error: ${errorLine(message.slice(0, 500))}\n`,
    };
  }
}
