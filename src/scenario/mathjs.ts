/**
 * mathjs, loaded the first time an expression is compiled. It takes longer to load (about 0.2 s,
 * even as its single-file build) than the rest of a small run, and most scenarios have no
 * expression, so Node loads it only when one needs it. Loading must be synchronous, because
 * loading a scenario is: Node's require does that (the single-file build is a UMD script).
 *
 * The web page cannot require; its build (web/vite.config.ts) puts web/src/mathjs.ts, which
 * imports mathjs like any module, in place of this file.
 */
import type { MathJsInstance } from 'mathjs';

type Builtin = <T>(name: string) => T;

let math: MathJsInstance | undefined;

export function mathjs(): MathJsInstance {
  if (!math) {
    const builtin = (globalThis as { process?: { getBuiltinModule?: Builtin } }).process?.getBuiltinModule;
    if (!builtin) throw new Error('expressions need mathjs, which this runtime cannot load synchronously');
    const { createRequire } = builtin<typeof import('node:module')>('node:module');
    math = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathJsInstance;
  }
  return math;
}
