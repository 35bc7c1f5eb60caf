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

/** What csv-stringify quotes a cell for, with its options below: the delimiter, the quote, a line break. */
const NEEDS_QUOTES = /[,"\n\r]/;
/** A column key csv-stringify reads as a path into the row (`a.b`, `a[0]`) when the row has no such key of its own. */
const PATH_KEY = /[.[]/;

/** A cell as csv-stringify writes it with the options of `csvStringify` below; undefined for a value it is not written for here. */
function cell(value: unknown): string | undefined {
  switch (typeof value) {
    case 'number':
      return `${value}`;
    case 'boolean':
      return String(value);
    case 'string': {
      const text = escapeCell(value);
      return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    }
    case 'undefined':
      return '';
    default:
      return value === null ? '' : undefined;
  }
}

/** Rows as CSV with a header of `columns`, with csv-stringify and its options. */
function csvStringify(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: columns.map((key) => ({ key, header: escapeCell(key) })),
    cast: { boolean: (value: boolean) => String(value), string: escapeCell },
  });
}

/**
 * Rows as CSV with a header of `columns`; flags as true/false (csv-stringify's default writes 1 and
 * an empty cell). Tables of text, numbers and flags (all that goodhart writes) are written here,
 * the same bytes as csv-stringify (test/reliability/csv.test.ts compares them) in a small part of
 * its time: a run's metrics.csv cost it a tenth of `npm start`. Anything else goes to csv-stringify.
 */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  if (rows.length === 0 || columns.some((key) => PATH_KEY.test(key) && rows.some((row) => !(key in row)))) return csvStringify(rows, columns);
  const lines: string[] = [];
  const header = columns.map((key) => cell(escapeCell(key))!);
  lines.push(header.join(','));
  const cells: string[] = new Array(columns.length);
  for (const row of rows) {
    for (let c = 0; c < columns.length; c++) {
      const text = cell(row[columns[c]]);
      if (text === undefined) return csvStringify(rows, columns);
      cells[c] = text;
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
