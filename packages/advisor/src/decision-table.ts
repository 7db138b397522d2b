import { type Rule, type RuleKind, rules } from './rules';
import { SOURCES } from './sources';

/** One row of the decision table, rendered from the rule data. */
export interface DecisionRow {
  readonly id: string;
  readonly kind: RuleKind;
  readonly when: string;
  readonly recommends: string;
  readonly why: string;
  /** Source titles. */
  readonly sources: readonly string[];
}

/**
 * The full decision table, one row per rule in evaluation order, built from the same rule objects
 * that {@link recommend} runs (so the docs cannot drift from the code).
 *
 * @returns The rows.
 * @throws never.
 * @example
 * ```ts
 * decisionTable().find((r) => r.id === 'selu-lecun')?.recommends; // => 'lecun_normal (variance 1/fan_in), biases 0'
 * ```
 */
export function decisionTable(): DecisionRow[] {
  return rules.map((r: Rule) => ({
    id: r.id,
    kind: r.kind,
    when: r.when,
    recommends: r.recommends,
    why: r.why,
    sources: r.sources.map((s) => SOURCES[s].title),
  }));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * The decision table as GitHub Markdown (the README embeds this text verbatim).
 *
 * @returns A Markdown table: id, kind, when, recommends, why.
 * @throws never.
 * @example
 * ```ts
 * decisionTableMarkdown().split('\n')[0]; // => '| id | kind | when | recommends | why |'
 * ```
 */
export function decisionTableMarkdown(): string {
  const lines = ['| id | kind | when | recommends | why |', '|---|---|---|---|---|'];
  for (const row of decisionTable()) {
    lines.push(
      `| \`${row.id}\` | ${row.kind} | ${cell(row.when)} | ${cell(row.recommends)} | ${cell(row.why)} |`,
    );
  }
  return lines.join('\n');
}
