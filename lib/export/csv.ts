/**
 * CSV for spreadsheets. Cells that a spreadsheet would run as a formula are prefixed with an
 * apostrophe: role names, tags and policy text come from AWS and must never execute in a
 * reviewer's spreadsheet. That is a cell starting with =, +, -, @, their fullwidth and small
 * forms (＝＋－＠ ﹦﹢﹣﹫ and the minus sign −, which some spreadsheets turn into the ASCII ones), or a tab or carriage
 * return; also after leading whitespace (spaces, no-break and other Unicode spaces, newlines,
 * zero-width characters), which spreadsheets skip before looking for a formula.
 */
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[\t\r]|^[\s\u180e\u200b-\u200d\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212]/u;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const cell = (value: CsvCell) => (value === null || value === undefined ? "" : typeof value === "string" ? neutraliseFormula(value) : String(value));
  return stringify([headers.map(cell), ...rows.map((row) => row.map(cell))], { record_delimiter: "\r\n" });
}
