/**
 * The guard against CSV and formula injection: a spreadsheet runs a cell that starts with
 * `=`, `+`, `-` or `@` (or a tab or carriage return, which some read the same way) as a
 * formula. Exported text that starts so gets a leading apostrophe, which spreadsheets show as
 * text; reading takes exactly one apostrophe back off, so text round-trips unchanged.
 *
 * Text that already starts with apostrophes before such a character gets one more, so that
 * reading cannot confuse it with a guarded cell: `'=x` is written `''=x` and read `'=x`.
 *
 * @example guardCell('=HYPERLINK("http://x")') === `'=HYPERLINK("http://x")`
 * @example unguardCell(guardCell(s)) === s // for every string s
 */

const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** The text as it is written to a CSV or XLSX cell. */
export function guardCell(text: string): string {
  return NEEDS_GUARD.test(text) ? `'${text}` : text;
}

/** The text a cell read from a file stands for. */
export function unguardCell(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}
