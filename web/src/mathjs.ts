/**
 * The page's mathjs: bundled with the page like any module (a browser cannot load a module
 * synchronously on first use). web/vite.config.ts puts this file in place of src/scenario/mathjs.ts.
 */
import type { MathJsInstance } from 'mathjs';
import math from 'mathjs/lib/browser/math.js';

export function mathjs(): MathJsInstance {
  return math;
}
