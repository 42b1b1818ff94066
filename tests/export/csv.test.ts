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

describe("CSV look-alike formulas", () => {
  it.each([
    [" =1+1", "a space before ="],
    ["   +cmd|' /C calc'!A0", "spaces before +"],
    ["\u00a0-2+3", "a no-break space before -"],
    ["\u3000@SUM(A1)", "an ideographic space before @"],
    ["\n=1", "a newline before ="],
    ["\r\n=1", "CR LF before ="],
    ["\t =1", "a tab and a space before ="],
    ["\u200b=1", "a zero-width space before ="],
    ["\ufeff=1", "a byte-order mark before ="],
    ["\u2003\u2028=1", "an em space and a line separator before ="],
    ["＝1+1", "a fullwidth ="],
    ["＋1+1", "a fullwidth +"],
    ["－1+1", "a fullwidth -"],
    ["＠SUM(A1)", "a fullwidth @"],
    [" ＝HYPERLINK(\"http://x\")", "a space before a fullwidth ="],
    ["﹦1", "a small ="],
    ["﹢1", "a small +"],
    ["﹣1", "a small -"],
    ["﹫SUM(A1)", "a small @"],
    ["−1+1", "a minus sign"],
    ["\t", "a lone tab"],
    ["\r", "a lone carriage return"],
  ])("neutralises %j (%s)", (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
    const [row] = parse(toCsv(["value"], [[value]]), { columns: true }) as { value: string }[];
    expect(row!.value).toBe(`'${value}`);
  });

  it.each([
    ["  padded  "],
    ["a = b"],
    ["role-name"],
    ["x@acme.test"],
    ["1+1"],
    ["Grüße ＝ 日本"],
    [" "],
    [""],
  ])("leaves %j alone", (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });
});
