/**
 * The part of the WebAssembly JS API hbayes uses. TypeScript declares WebAssembly only in its DOM
 * lib (and @types/node 20 only declares the namespace's name), while the library compiles against
 * ES2022 + node types; the web app's tsconfig has DOM and never includes this file.
 */
declare namespace WebAssembly {
  type ImportValue = Function | Memory | Global | number;
  type Imports = Record<string, Record<string, ImportValue>>;
  type Exports = Record<string, Function | Memory | Global>;

  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer;
    /** Grows by `delta` pages of 64 KiB and returns the old size in pages; detaches old views of `buffer`. */
    grow(delta: number): number;
  }

  interface GlobalDescriptor {
    value: "i32" | "i64" | "f32" | "f64";
    mutable?: boolean;
  }
  class Global {
    constructor(descriptor: GlobalDescriptor, value?: number);
    value: number;
  }

  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports;
  }

  class CompileError extends Error {}
  class LinkError extends Error {}
  class RuntimeError extends Error {}

  function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
  function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}
