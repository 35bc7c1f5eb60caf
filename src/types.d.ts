// mathjs's single-file build has no type declarations of its own; it is the default mathjs instance.
declare module 'mathjs/lib/browser/math.js' {
  const math: import('mathjs').MathJsInstance;
  export default math;
}

// stdlib's algorithms, taken from their own modules (src/sim/distributions.ts); the packages declare only their factories.
declare module '@stdlib/random-base-improved-ziggurat/lib/improved_ziggurat.js' {
  /** Standard normal draws; `randu` uniform in [0, 1), `randi` 32-bit integers (the low 7 bits pick a rectangle). */
  export default function improvedZiggurat(randu: () => number, randi: () => number): () => number;
}
declare module '@stdlib/random-base-poisson/lib/poisson.js' {
  /** One Poisson draw of mean `lambda` from uniform draws `rand`. */
  export default function poisson(rand: () => number, lambda: number): number;
}
