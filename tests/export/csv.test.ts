import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, toCsv } from "@/lib/export/csv";

describe("CSV for spreadsheets", () => {
  it("round-trips commas, quotes, newlines and non-ASCII text unchanged", () => {
    const values = ['a, b', 'say "hi"', "line one\nline two", "crlf\r\nend", "Grüße 日本 🚀", "  padded  ", "", "plain"];
    const csv = toCsv(["value"], values.map((v) => [v]));
    const rows = parse(csv, { columns: true }) as { value: string }[];
    expect(rows.map((r) => r.value)).toEqual(values);
  });

  it("prefixes cells a spreadsheet would run as a formula with an apostrophe", () => {
    const hostile = ["=1+1", '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];
    const rows = parse(toCsv(["value"], hostile.map((v) => [v])), { columns: true }) as { value: string }[];
    expect(rows.map((r) => r.value)).toEqual(hostile.map((v) => `'${v}`));
    expect(neutraliseFormula("safe=value")).toBe("safe=value");
  });

  it("writes numbers, booleans and empty cells as themselves", () => {
    const [row] = parse(toCsv(["n", "neg", "b", "none"], [[42, -1, true, null]]), { columns: true }) as Record<string, string>[];
    expect(row).toEqual({ n: "42", neg: "-1", b: "true", none: "" });
  });
});
