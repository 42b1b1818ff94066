/**
 * lib/reports/pdf/pdfWriter: the layer over pdfkit every PDF report is written with, read back
 * with pdf.js the way a reader sees it.
 */
import { describe, expect, it } from "vitest";
import { PdfWriter, type Column } from "@/lib/reports/pdf/pdfWriter";
import { pdfText } from "@/testkit/pdfText";

const FOOTER = "Scan #7 of 2026-11-01";

async function read(write: (pdf: PdfWriter) => void, title = "Test report") {
  const pdf = new PdfWriter(title, FOOTER);
  write(pdf);
  const bytes = await pdf.finish();
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  return pdfText(bytes);
}

const lines = (page: string) => page.split("\n").map((l) => l.trim()).filter(Boolean);

describe("the PDF writer", () => {
  it("sets the title and producer, and writes 'Page X of Y' and the footer on every page", async () => {
    const pdf = await read((w) => {
      w.heading("First", 1);
      w.doc.addPage();
      w.heading("Second", 1);
    }, "Vendor review: Datadog");
    expect(pdf.info).toMatchObject({ Title: "Vendor review: Datadog", Producer: "Vendorscope" });
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.pages[0]).toContain("Page 1 of 2");
    expect(pdf.pages[1]).toContain("Page 2 of 2");
    for (const page of pdf.pages) expect(page).toContain(FOOTER);
  });

  it("wraps a long paragraph within the page width instead of cutting it", async () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
    const pdf = await read((w) => w.paragraph(words.join(" ")));
    const body = lines(pdf.pages[0]!).filter((l) => l.includes("word"));
    expect(body.length).toBeGreaterThan(3);
    expect(body.join(" ").split(/\s+/)).toEqual(words);
  });

  it("starts a new page when the text no longer fits, and loses none of it", async () => {
    const paragraphs = Array.from({ length: 80 }, (_, i) => `Paragraph number ${i} of the report body.`);
    const pdf = await read((w) => paragraphs.forEach((p) => w.paragraph(p)));
    expect(pdf.pages.length).toBeGreaterThan(1);
    const found = paragraphs.filter((p) => pdf.text.includes(p));
    expect(found).toEqual(paragraphs);
    expect(pdf.pages.at(-1)).toContain(`Page ${pdf.pages.length} of ${pdf.pages.length}`);
  });

  it("breaks a long table across pages and repeats its header on each", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({ role: `role-${String(i).padStart(3, "0")}`, risk: i % 2 ? "high" : "low" }));
    const columns: Column<(typeof rows)[number]>[] = [
      { header: "Role name", width: 3, value: (r) => r.role },
      { header: "Risk level", width: 1, value: (r) => r.risk },
    ];
    const pdf = await read((w) => w.table(columns, rows));
    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const page of pdf.pages) expect(page).toMatch(/Role name\s+Risk level/);
    for (const r of rows) expect(pdf.text).toContain(r.role);
    const rolesOnPages = pdf.pages.map((p) => (p.match(/role-\d{3}/g) ?? []).length);
    expect(rolesOnPages.reduce((a, b) => a + b, 0)).toBe(rows.length);
  });

  it("wraps a long cell inside its column", async () => {
    const arn = "arn:aws:iam::210000000002:role/" + "very-long-role-name-".repeat(6) + "end";
    const columns: Column<string>[] = [
      { header: "Role", width: 1, value: (r) => r },
      { header: "Account", width: 1, value: () => "210000000002" },
    ];
    const pdf = await read((w) => w.table(columns, [arn]));
    expect(pdf.text.replace(/\s+/g, "")).toContain(arn);
    expect(lines(pdf.pages[0]!).filter((l) => l.includes("very-long-role-name")).length).toBeGreaterThan(1);
  });

  it("writes hostile and non-Latin strings as plain text", async () => {
    const hostile = [`partner-"quoted"&<odd>-role`, "<script>alert(1)</script>", "Ünïcödé — Ελληνικά — Кириллица", "%PDF-1.7 endobj /JavaScript (app.alert(1))"];
    const pdf = await read((w) => {
      w.heading(hostile[0]!);
      w.facts([["Role", hostile[1]!]]);
      w.bullets([hostile[2]!]);
      w.paragraph(hostile[3]!);
    });
    for (const s of hostile) expect(pdf.text).toContain(s);
    expect(pdf.pages).toHaveLength(1);
  });

  it("writes a string with no place to break, wrapping it rather than running off the page", async () => {
    const unbroken = "A".repeat(2_000);
    const pdf = await read((w) => w.paragraph(unbroken));
    expect(pdf.text.replace(/\s+/g, "")).toContain(unbroken);
    expect(Math.max(...lines(pdf.text).map((l) => l.length))).toBeLessThan(unbroken.length);
  });

  it("shortens a footer too long for one line instead of adding pages", async () => {
    const pdf = new PdfWriter("Long footer", "Scan of " + "a-very-long-account-name ".repeat(20));
    pdf.paragraph("Body");
    const content = await pdfText(await pdf.finish());
    expect(content.pages).toHaveLength(1);
    expect(content.pages[0]).toContain("Page 1 of 1");
  });

  it("draws charts with their labels, values and captions", async () => {
    const pdf = await read((w) => {
      w.barChart([{ label: "critical", value: 4 }, { label: "low", value: 11 }], "Trusts by risk");
      w.lineChart([{ label: "Nov 1", values: [3] }, { label: "Nov 2", values: [4] }], [{ name: "Critical", color: "#b91c1c" }], "Critical trusts over time");
      w.signOff(["Reviewed by", "Date"]);
    });
    for (const s of ["critical", "11", "Trusts by risk", "Nov 1", "Nov 2", "Critical", "Critical trusts over time", "Reviewed by", "Date"]) expect(pdf.text).toContain(s);
  });
});
