/**
 * A chart's shape apart from what changes between scenarios: its data, its title and subtitle, and
 * its marks' colours. The report's charts of one kind differ from scenario to scenario only in
 * those, so charts of one shape are compiled and parsed once and drawn with their own values
 * (svg.ts; the page's charts take new values the same way, web/src/charts.ts); compiling and
 * parsing are about two fifths of a chart's time in a fresh process. The template is a Vega-Lite
 * spec in which each such value is a parameter (`params`) or a named data set, with the values kept
 * beside it.
 *
 * Only the forms that a drawing reads exactly as given are taken out: inline data with no `format`
 * (Vega parses nothing in it), and strings. Anything else stays in the spec and so in the shape's key.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface ChartTemplate {
  /** Charts with the same key have the same shape: one compiled template draws them all. */
  key: string;
  /**
   * The spec with its values taken out: data sets named, titles and colours read from parameters,
   * which hold this chart's values (compiled with its data as `datasets`, it draws this chart).
   */
  spec: TopLevelSpec;
  /** Each named data set's rows, in the spec's order. */
  data: [name: string, rows: unknown[]][];
  /** Each parameter's value (Vega signals), in the spec's order. */
  signals: [name: string, value: string][];
}

/** Prefixes of the names given to what is taken out; a chart's own names never start with them. */
const DATA_PREFIX = 'template_data_';
const SIGNAL_PREFIX = 'template_value_';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Inline rows and nothing else: a `format` would make Vega parse them, which rows given to a view skip. */
function isPlainInlineData(data: Json): data is { values: Json[] } {
  return isObject(data) && Array.isArray(data.values) && Object.keys(data).length === 1;
}

export function chartTemplate(spec: TopLevelSpec): ChartTemplate {
  const data: ChartTemplate['data'] = [];
  const signals: ChartTemplate['signals'] = [];
  const parameter = (value: string): Json => {
    const name = `${SIGNAL_PREFIX}${signals.length}`;
    signals.push([name, value]);
    return { expr: name };
  };

  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'data' && isPlainInlineData(value)) {
        const name = `${DATA_PREFIX}${data.length}`;
        data.push([name, value.values]);
        out.data = { name };
      } else if (key === 'mark' && isObject(value) && typeof value.color === 'string') {
        out.mark = { ...value, color: parameter(value.color) };
      } else {
        out[key] = walk(value);
      }
    }
    return out;
  };

  const { title, ...rest } = spec as unknown as JsonObject;
  const body = walk(rest) as JsonObject;
  // The chart's own title only: a title inside a view or an axis stays part of the shape.
  if (isObject(title)) {
    body.title = {
      ...title,
      ...(typeof title.text === 'string' ? { text: parameter(title.text) } : {}),
      ...(typeof title.subtitle === 'string' ? { subtitle: parameter(title.subtitle) } : {}),
    };
  } else if (typeof title === 'string') {
    body.title = { text: parameter(title) };
  }
  if (signals.length === 0) return { key: JSON.stringify(body), spec: body as unknown as TopLevelSpec, data, signals };
  const own = Array.isArray(body.params) ? body.params : [];
  // The key leaves the values out, so that charts differing only in them share it.
  const key = JSON.stringify({ ...body, params: [...own, ...signals.map(([name]) => ({ name, value: null }))] });
  const withValues = { ...body, params: [...own, ...signals.map(([name, value]) => ({ name, value }))] };
  return { key, spec: withValues as unknown as TopLevelSpec, data, signals };
}
