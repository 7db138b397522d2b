import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import markdownItKatex from '@vscode/markdown-it-katex';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { MATHML_TAGS } from './mathml-tags';
import { guideSidebar, schemeSidebar } from './sidebar';

type MarkdownPlugin = (md: unknown, options?: Record<string, unknown>) => void;
/** The plugin is CommonJS with `exports.default`; depending on the loader it arrives wrapped or not. */
const katexPlugin: MarkdownPlugin =
  (markdownItKatex as unknown as { default?: MarkdownPlugin }).default ??
  (markdownItKatex as unknown as MarkdownPlugin);

const docsDir = fileURLToPath(new URL('../', import.meta.url));

/** The site's base path: '/' locally, '/init/' on GitHub Pages (set DOCS_BASE). */
const base = process.env.DOCS_BASE ?? '/';

/** The sidebar TypeDoc wrote for one package (empty before `pnpm --filter @init/docs-app api`). */
function apiSidebar(dir: string): DefaultTheme.SidebarItem[] {
  const file = `${docsDir}api/${dir}/typedoc-sidebar.json`;
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[];
}

const apiPackages = ['rng', 'linalg', 'schemes', 'advisor', 'nn'];

export default defineConfig({
  title: 'init',
  description: 'Correct, fast, reproducible neural-network weight initialization for TypeScript.',
  base,
  lang: 'en-US',
  cleanUrls: false,
  lastUpdated: false,
  srcExclude: ['README.md', 'examples/**', 'src/**', 'test/**', 'scripts/**', 'test-artifacts/**'],
  head: [['link', { rel: 'icon', href: `${base}favicon.svg`, type: 'image/svg+xml' }]],
  markdown: {
    languageAlias: { cjs: 'js' },
    config: (md) => {
      md.use(katexPlugin, { throwOnError: true, strict: 'ignore', enableFencedBlocks: true });
    },
  },
  vite: { build: { chunkSizeWarningLimit: 2048 } },
  vue: {
    template: { compilerOptions: { isCustomElement: (tag) => MATHML_TAGS.has(tag) } },
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Schemes', link: '/schemes/' },
      { text: 'Decision guide', link: '/guide/decision-guide' },
      { text: 'API', link: '/api/' },
      { text: 'Playground', link: '/guide/playground' },
    ],
    sidebar: {
      '/guide/': guideSidebar,
      '/schemes/': schemeSidebar,
      ...Object.fromEntries(
        apiPackages.map((dir) => [
          `/api/${dir}/`,
          [
            { text: 'API reference', link: '/api/' },
            { text: `@init/${dir}`, items: apiSidebar(dir) },
          ],
        ]),
      ),
      '/api/': [
        {
          text: 'API reference',
          items: [
            { text: 'Overview', link: '/api/' },
            ...apiPackages.map((dir) => ({ text: `@init/${dir}`, link: `/api/${dir}/` })),
          ],
        },
      ],
    },
    search: { provider: 'local' },
    socialLinks: [{ icon: 'github', link: 'https://github.com/init-toolkit/init' }],
    outline: { level: [2, 3] },
    footer: { message: 'MIT licensed.' },
  },
});
