/** The asc flags every kernel is built with. */
export declare const ASC_FLAGS: readonly string[];
/** Compiles `source` (relative to `packageDir`) with ASC_FLAGS plus `flags` and returns the WebAssembly bytes. */
export declare function compileAssemblyScript(
  packageDir: string,
  source: string,
  options?: { quiet?: boolean; flags?: readonly string[] },
): Buffer;
/** Compiles `source` and writes a TypeScript module exporting its bytes as base64. */
export declare function writeWasmModule(
  packageDir: string,
  module: { source: string; output: string; exportName: string; doc: string; flags?: readonly string[] },
): void;
