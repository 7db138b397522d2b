// Lets `tsc` type-check the .ts files that import single-file components (Vite compiles the .vue files).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent<object, object, unknown>;
  export default component;
}
