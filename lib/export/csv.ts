/**
 * CSV for spreadsheets. Cells that a spreadsheet would run as a formula (starting with =, +,
 * -, @, or a tab/carriage return) are prefixed with an apostrophe: role names, tags and policy
 * text come from AWS and must never execute in a reviewer's spreadsheet.
 */
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | boolean | null | undefined;

export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const cell = (value: CsvCell) => (value === null || value === undefined ? "" : typeof value === "string" ? neutraliseFormula(value) : String(value));
  return stringify([headers.map(cell), ...rows.map((row) => row.map(cell))], { record_delimiter: "\r\n" });
}
