import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { decisionTable, varianceGain } from '@init/advisor';
import { listSchemes } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import { SCHEME_PAGES } from '../.vitepress/sidebar';
import { cliCommands } from '../src/cli-docs';
import { experimentFigures, readExperiments } from '../src/experiments';
import { docsRoot, PACKAGES } from '../src/packages';
import { requireBuiltSite, siteDir } from './site';

const read = (path: string) => readFileSync(`${docsRoot}${path}`, 'utf8');
const markdownPages = (dir: string) =>
  readdirSync(`${docsRoot}${dir}`)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `${dir}/${f}`);
const sourcePages = ['index.md', ...markdownPages('guide'), ...markdownPages('schemes')];

describe('every scheme is documented', () => {
  const schemePages = SCHEME_PAGES.map((p) => read(`${p.link.slice(1)}.md`)).join('\n');

  it.each(listSchemes().map((s) => s.name))('%s has a registry entry on a scheme page', (name) => {
    expect(schemePages).toContain(`<SchemeFacts name="${name}" />`);
  });

  it('every scheme page has a formula, pitfalls, a live demo and framework equivalents', () => {
    for (const page of SCHEME_PAGES) {
      const text = read(`${page.link.slice(1)}.md`);
      expect(text, page.link).toContain('$');
      expect(text, page.link).toMatch(/## Pitfalls/);
      expect(text, page.link).toMatch(/<SchemeDemo /);
      for (const framework of ['PyTorch', 'Keras', 'JAX', 'TF.js'])
        expect(text, `${page.link} ${framework}`).toContain(framework);
    }
  });
});

describe('every package is documented', () => {
  it.each(PACKAGES.map((p) => p.name))(
    '%s: getting started names it and the API reference has its section',
    (name) => {
      expect(read('guide/getting-started.md')).toContain(`npm i ${name}`);
      const dir = PACKAGES.find((p) => p.name === name)?.dir;
      requireBuiltSite();
      expect(existsSync(`${siteDir}/api/${dir}/index.html`)).toBe(true);
    },
  );
});

describe('every CLI command is documented', () => {
  const commands = cliCommands();

  it('the CLI lists its commands', () => {
    expect(commands.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'recommend',
        'plan',
        'gain',
        'propagate',
        'critical',
        'explain',
        'rules',
        'materialize',
        'inspect',
      ]),
    );
  });

  it.each(commands.map((c) => c.name))('%s has a section with its help on the built CLI page', (name) => {
    requireBuiltSite();
    const html = readFileSync(`${siteDir}/guide/cli.html`, 'utf8');
    expect(html).toContain(`id="${name}"`);
    expect(html).toContain(`$ init-advisor ${name} --help`);
  });
});

describe('snippets come from tested example files', () => {
  const includes = sourcePages.flatMap((page) =>
    [...read(page).matchAll(/^<<< @\/(examples\/[^#\s]+)#([\w-]+)$/gm)].map((m) => ({
      page,
      file: m[1] ?? '',
      region: m[2] ?? '',
    })),
  );

  it('pages include snippets', () => {
    expect(includes.length).toBeGreaterThan(15);
  });

  it.each(includes.map((i) => [`${i.page} → ${i.file}#${i.region}`, i] as const))('%s exists', (_, i) => {
    const source = read(i.file);
    expect(source).toContain(`// #region ${i.region}\n`);
    expect(source).toContain(`// #endregion ${i.region}\n`);
  });

  it('every example file has a test that imports or runs it', () => {
    const dir = `${docsRoot}examples/`;
    const tests = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(dir + f, 'utf8'))
      .join('\n');
    for (const file of readdirSync(dir).filter((f) => !f.includes('.test.') && /\.(ts|cjs)$/.test(f))) {
      const stem = file.replace(/\.(ts|cjs)$/, '');
      expect(tests, file).toMatch(new RegExp(`['/]${stem}(\\.cjs)?'`));
    }
  });

  it('code blocks are tested snippets; fences hold only shell commands and plain text', () => {
    for (const page of sourcePages) {
      const fences = [...read(page).matchAll(/^```(\w*)/gm)].map((m) => m[1]);
      const opening = fences.filter((_, k) => k % 2 === 0);
      for (const lang of opening) expect(['sh', 'text', ''], `${page}: \`\`\`${lang}`).toContain(lang);
    }
  });
});

describe("the decision guide renders the advisor's rule data", () => {
  it('every rule of decisionTable() has its card, with its text, in the built page', () => {
    requireBuiltSite();
    const html = readFileSync(`${siteDir}/guide/decision-guide.html`, 'utf8');
    const rows = decisionTable();
    expect(rows.length).toBeGreaterThan(20);
    const escapeHtml = (t: string) =>
      t
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/'/g, '&#39;')
        .replace(/"/g, '&quot;');
    for (const row of rows) {
      expect(html, row.id).toContain(`id="rule-${row.id}"`);
      expect(html, row.id).toContain(escapeHtml(row.recommends));
    }
  });
});

describe("numbers on the theory page are the advisor's", () => {
  it('the gain table matches varianceGain to 6 decimals', () => {
    const rows = [
      ...read('guide/theory.md').matchAll(
        /^\| (relu|tanh|sigmoid|gelu|silu|elu|selu) \| ([\d.]+) \| ([\d.]+) \|/gm,
      ),
    ];
    expect(rows).toHaveLength(7);
    for (const [, name, gain, centered] of rows) {
      expect(varianceGain(name as 'relu')).toBeCloseTo(Number(gain), 6);
      expect(varianceGain(name as 'relu', { centered: true })).toBeCloseTo(Number(centered), 6);
    }
  });
});

describe('use cases link the committed experiment results', () => {
  it('the site carries every experiment figure, and the page names every experiment', () => {
    requireBuiltSite();
    for (const file of experimentFigures())
      expect(existsSync(`${siteDir}/experiments/${file}`), file).toBe(true);
    const html = readFileSync(`${siteDir}/guide/use-cases.html`, 'utf8');
    for (const e of readExperiments()) {
      expect(html, e.name).toContain(`<code>${e.name}</code>`);
      expect(html, e.name).toContain(e.verdict);
    }
  });

  it('the six use cases of the source document each have a section and a playground link', () => {
    const text = read('guide/use-cases.md');
    for (const heading of [
      'Handwriting digit recognition (MNIST)',
      'Chatbot memory (RNN/LSTM)',
      'Movie recommender system',
      'IoT face detection on a low-power chip',
      'Stock prediction with SELU nets',
      'Voice command recognition',
    ]) {
      const section = text.split(`## ${heading}`)[1]?.split('\n## ')[0] ?? '';
      expect(section, heading).toContain('<PlaygroundLink');
    }
  });

  it('the site mounts the built playground at /playground/', () => {
    requireBuiltSite();
    const html = readFileSync(`${siteDir}/playground/index.html`, 'utf8');
    expect(html).not.toContain('playground not built');
  });
});
