/**
 * The page's mathjs, in place of src/scenario/mathjs.ts (web/vite.config.ts). It is as large as the
 * rest of the page's script and most scenarios have no expression, so it is not in the page's script
 * nor in its worker's: the build copies the package's single-file build to mathjs/math.js, loaded
 * the first time an expression is compiled.
 *
 * A worker loads it at once (importScripts is synchronous, like Node's require); a worker started
 * from a blob: URL (the page opened from a folder) has it in its source, to run on first use. The
 * page's own thread cannot load a script synchronously: there the first expression throws
 * MathjsLoading, and the caller tries again once `loadMathjs()` has resolved.
 */
import type { MathJsInstance } from 'mathjs';
import { loadScript } from './load-script.ts';

/** Where the build puts mathjs, from the page (and from a worker's file, in assets/). */
const MATHJS_FILE = 'mathjs/math.js';

const scope = globalThis as unknown as {
  /** What mathjs's single-file build sets when it runs as a script. */
  math?: MathJsInstance;
  /** Runs mathjs's single-file build, in a worker whose source includes it (web/vite.config.ts). */
  goodhartMathjs?: () => void;
  importScripts?: (url: string) => void;
};

export class MathjsLoading extends Error {
  constructor() {
    super('mathjs is loading');
  }
}

let loading: Promise<void> | undefined;

export function mathjs(): MathJsInstance {
  if (scope.math) return scope.math;
  if (scope.importScripts) {
    if (scope.goodhartMathjs) scope.goodhartMathjs();
    else scope.importScripts(new URL(`../${MATHJS_FILE}`, location.href).href);
    if (!scope.math) throw new Error(`${MATHJS_FILE} did not define mathjs`);
    return scope.math;
  }
  void loadMathjs().catch(() => {});
  throw new MathjsLoading();
}

/** Loads mathjs on the page's thread (once); resolves when expressions can be compiled. */
export function loadMathjs(): Promise<void> {
  loading ??= loadScript(`./${MATHJS_FILE}`).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
