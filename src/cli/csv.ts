/**
 * Every CSV file goodhart writes goes through `toCsv`. A text cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return is read by spreadsheets as a formula, which can run commands or
 * send data away (CSV injection); such a cell gets a leading apostrophe, which spreadsheets show as
 * text (OWASP's advice). Numbers are written as they are, so negative numbers stay numbers.
 *
 * d3-dsv writes the table (RFC 4180: a cell holding a comma, a quote or a line break is quoted,
 * its quotes doubled): two to five times as fast as csv-stringify, which wrote the same bytes, on
 * `npm start`'s metrics.csv (docs/PERFORMANCE.md).
 */
import { csvFormatRows } from 'd3-dsv';

/** First characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet will show it, never run it. */
export function escapeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell's text: numbers and flags as JavaScript writes them (true/false), nothing for a missing value, objects as JSON. */
function cellText(value: unknown): string {
  if (typeof value === 'string') return escapeCell(value);
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows as CSV with a header of `columns`, one line each, every line ending in a newline. */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const table = [columns.map(escapeCell)];
  for (const row of rows) table.push(columns.map((column) => cellText(row[column])));
  return `${csvFormatRows(table)}\n`;
}
