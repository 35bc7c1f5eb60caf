// mathjs's single-file build has no type declarations of its own; it is the default mathjs instance.
declare module 'mathjs/lib/browser/math.js' {
  const math: import('mathjs').MathJsInstance;
  export default math;
}
