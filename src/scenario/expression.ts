/**
 * Time-varying scenario values: arithmetic expressions of the week `t`, such as
 * `"500000 * 1.1 ^ floor(t / 13)"` or `"t >= 8 ? 0.8 : 0"`.
 *
 * A scenario file is data, possibly written by a stranger, so an expression must never reach
 * anything but arithmetic. mathjs's own security notes list the escape routes (`import`,
 * `createUnit`, `evaluate`, `parse`, `simplify`, `derivative`, `resolve`, `reviver`, function
 * definitions, property access). Rather than disabling those one by one, the parsed tree is checked
 * against a whitelist: numbers, the symbol `t`, the constants below, arithmetic, comparison and
 * logical operators, `?:`, parentheses, and calls of the named math functions. Anything else is
 * refused before the expression is compiled.
 */
import type { MathNode } from 'mathjs';
// mathjs's single-file build loads in a fraction of the time of its modules, and only when a
// scenario has an expression (./mathjs.ts). Its instance has every mathjs function, which is why the
// tree is checked against the whitelist below before anything is compiled.
import { mathjs } from './mathjs.ts';

/** Functions an expression may call. All are pure functions of numbers. */
export const EXPRESSION_FUNCTIONS = [
  'abs', 'ceil', 'floor', 'round', 'fix', 'sign', 'min', 'max', 'sqrt', 'cbrt', 'exp', 'log',
  'log10', 'log2', 'pow', 'mod', 'sin', 'cos', 'tan', 'atan', 'tanh',
] as const;
const FUNCTIONS: ReadonlySet<string> = new Set(EXPRESSION_FUNCTIONS);
const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };
const OPERATORS: ReadonlySet<string> = new Set([
  'add', 'subtract', 'multiply', 'divide', 'pow', 'mod', 'unaryMinus', 'unaryPlus',
  'smaller', 'smallerEq', 'larger', 'largerEq', 'equal', 'unequal', 'and', 'or', 'not',
]);
/** Longer strings are almost certainly not a schedule, and a long one is a cheap way to stall a parser. */
export const MAX_EXPRESSION_LENGTH = 500;

/** A compiled expression: the value for week t (0-based). */
export type WeekFunction = (t: number) => number;

export class ExpressionError extends Error {}

function check(node: MathNode): void {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number') throw new ExpressionError(`only numbers are allowed, not ${JSON.stringify(value)}`);
      return;
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      // Own keys only: `in` would also accept Object.prototype's names (constructor, toString...).
      if (name === 't' || Object.hasOwn(CONSTANTS, name)) return;
      if (FUNCTIONS.has(name)) throw new ExpressionError(`"${name}" is a function: call it, as in ${name}(t)`);
      throw new ExpressionError(`unknown name "${name}": the only variable is t (the week, from 0)`);
    }
    case 'OperatorNode': {
      const fn = (node as unknown as { fn: string }).fn;
      if (!OPERATORS.has(fn)) throw new ExpressionError(`the operator "${(node as unknown as { op: string }).op}" is not allowed`);
      break;
    }
    case 'ParenthesisNode':
    case 'ConditionalNode':
      break;
    case 'FunctionNode': {
      const fn = (node as unknown as { fn: MathNode }).fn;
      const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
      if (!FUNCTIONS.has(name)) {
        throw new ExpressionError(
          `the function "${name || fn.toString()}" is not allowed; allowed: ${EXPRESSION_FUNCTIONS.join(', ')}`,
        );
      }
      for (const arg of (node as unknown as { args: MathNode[] }).args) check(arg);
      return;
    }
    default:
      // Assignments, function definitions, property access, indexing, objects, arrays, blocks, ranges.
      throw new ExpressionError(`${describeNode(node.type)} is not allowed: only arithmetic of t`);
  }
  node.forEach((child) => check(child));
}

function describeNode(type: string): string {
  const names: Record<string, string> = {
    AssignmentNode: 'assignment',
    FunctionAssignmentNode: 'defining a function',
    AccessorNode: 'property access',
    IndexNode: 'indexing',
    ObjectNode: 'an object',
    ArrayNode: 'an array',
    BlockNode: 'a block of several statements',
    RangeNode: 'a range',
    RelationalNode: 'a chained comparison',
  };
  return names[type] ?? `"${type}"`;
}

/**
 * Compiles an expression of the week `t` into a function, or throws an ExpressionError
 * saying what is not allowed. The function may still return a non-finite number (e.g. `1 / (t - 3)`);
 * the caller checks the values over the run's weeks.
 */
export function compileExpression(source: string): WeekFunction {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`an expression may be at most ${MAX_EXPRESSION_LENGTH} characters long (this one has ${source.length})`);
  }
  if (source.trim() === '') throw new ExpressionError('the expression is empty: write a number or an expression of t');
  // Outside the try: a page still loading mathjs (web/src/mathjs.ts) must say so, not that the
  // expression is wrong.
  const math = mathjs();
  let tree: MathNode;
  try {
    tree = math.parse(source);
  } catch (error) {
    throw new ExpressionError(`cannot parse: ${(error as Error).message}`);
  }
  check(tree);
  const compiled = tree.compile();
  const scope = new Map<string, number>(Object.entries(CONSTANTS));
  return (t: number) => {
    scope.set('t', t);
    const value: unknown = compiled.evaluate(scope);
    if (typeof value === 'boolean') return value ? 1 : 0;
    return typeof value === 'number' ? value : Number.NaN;
  };
}
