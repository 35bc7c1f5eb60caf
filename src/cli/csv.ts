/**
 * Every CSV file goodhart writes goes through `toCsv`. A text cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return is read by spreadsheets as a formula, which can run commands or
 * send data away (CSV injection); such a cell gets a leading apostrophe, which spreadsheets show as
 * text (OWASP's advice). Numbers are written as they are, so negative numbers stay numbers.
 */
import { stringify } from 'csv-stringify/sync';

/** First characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet will show it, never run it. */
export function escapeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Rows as CSV with a header of `columns`; flags as true/false (csv-stringify's default writes 1 and an empty cell). */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: columns.map((key) => ({ key, header: escapeCell(key) })),
    cast: { boolean: (value: boolean) => String(value), string: escapeCell },
  });
}
