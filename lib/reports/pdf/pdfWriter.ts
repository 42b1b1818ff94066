/**
 * A small layer over pdfkit for Vendorscope's reports: a Unicode font (DejaVu Sans; AWS
 * names and policy text can hold any character), headings, paragraphs, key/value lines,
 * tables that break across pages and repeat their header, horizontal bar and line charts,
 * and a footer with "page X of Y" and the scan the report is based on.
 */
import { join } from "node:path";
import PDFDocument from "pdfkit";
import { REPO_ROOT } from "../../paths";

const MARGIN = 50;
const COLORS = { text: "#0f172a", muted: "#475569", rule: "#cbd5e1", header: "#f1f5f9", critical: "#b91c1c", high: "#c2410c", medium: "#a16207", low: "#475569" };

/** A plain path, not require.resolve: Next's bundler would try to bundle every font file. */
function fontPath(file: string): string {
  return join(REPO_ROOT, "node_modules", "dejavu-fonts-ttf", "ttf", file);
}

export interface Column<T> {
  header: string;
  /** Share of the usable width. */
  width: number;
  value(row: T): string;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(
    readonly title: string,
    private readonly footer: string,
  ) {
    this.doc = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: true, info: { Title: title, Producer: "Vendorscope", Creator: "Vendorscope" } });
    this.doc.registerFont("regular", fontPath("DejaVuSans.ttf"));
    this.doc.registerFont("bold", fontPath("DejaVuSans-Bold.ttf"));
    this.doc.font("regular").fontSize(10).fillColor(COLORS.text);
    this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve) => this.doc.on("end", () => resolve(Buffer.concat(this.chunks))));
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - 20;
  }

  /** Starts a new page when less than `height` points are left on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string, level: 1 | 2 | 3 = 2): this {
    const size = { 1: 20, 2: 14, 3: 11 }[level];
    this.ensureSpace(size * 3);
    if (level !== 1) this.doc.moveDown(0.8);
    this.doc.font("bold").fontSize(size).fillColor(COLORS.text).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3).font("regular").fontSize(10);
    return this;
  }

  paragraph(text: string, options: { muted?: boolean; size?: number } = {}): this {
    this.doc.font("regular").fontSize(options.size ?? 10).fillColor(options.muted ? COLORS.muted : COLORS.text);
    this.ensureSpace(this.doc.heightOfString(text, { width: this.width }));
    this.doc.text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.4).fillColor(COLORS.text);
    return this;
  }

  /** "Label: value" lines, the label in bold. */
  facts(rows: [string, string][]): this {
    for (const [label, value] of rows) {
      this.ensureSpace(14);
      this.doc.font("bold").fontSize(10).text(`${label}: `, MARGIN, this.doc.y, { continued: true, width: this.width });
      this.doc.font("regular").text(value, { width: this.width });
    }
    this.doc.moveDown(0.4);
    return this;
  }

  bullets(items: string[]): this {
    for (const item of items) {
      this.ensureSpace(this.doc.heightOfString(item, { width: this.width - 14 }) + 2);
      const y = this.doc.y;
      this.doc.font("regular").fontSize(10).text("•", MARGIN, y, { width: 10 });
      this.doc.text(item, MARGIN + 14, y, { width: this.width - 14 });
    }
    this.doc.moveDown(0.4);
    return this;
  }

  riskColor(risk: string): string {
    return (COLORS as Record<string, string>)[risk] ?? COLORS.text;
  }

  table<T>(columns: Column<T>[], rows: readonly T[], options: { fontSize?: number } = {}): this {
    const size = options.fontSize ?? 8;
    const total = columns.reduce((n, c) => n + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const pad = 3;
    const cellHeight = (texts: string[], font: "regular" | "bold") => {
      this.doc.font(font).fontSize(size);
      return Math.max(...texts.map((t, i) => this.doc.heightOfString(t || " ", { width: widths[i]! - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (texts: string[], font: "regular" | "bold", fill?: string) => {
      const height = cellHeight(texts, font);
      const y = this.doc.y;
      if (fill) this.doc.rect(MARGIN, y, this.width, height).fill(fill);
      let x = MARGIN;
      texts.forEach((t, i) => {
        this.doc.font(font).fontSize(size).fillColor(COLORS.text).text(t, x + pad, y + pad, { width: widths[i]! - 2 * pad });
        x += widths[i]!;
      });
      this.doc.moveTo(MARGIN, y + height).lineTo(MARGIN + this.width, y + height).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      this.doc.x = MARGIN;
      this.doc.y = y + height;
    };
    const header = columns.map((c) => c.header);
    this.ensureSpace(cellHeight(header, "bold") * 2);
    drawRow(header, "bold", COLORS.header);
    for (const row of rows) {
      const texts = columns.map((c) => c.value(row));
      if (this.doc.y + cellHeight(texts, "regular") > this.bottom) {
        this.doc.addPage();
        drawRow(header, "bold", COLORS.header);
      }
      drawRow(texts, "regular");
    }
    this.doc.moveDown(0.6).fontSize(10);
    return this;
  }

  /** Horizontal bars, labelled, with the value at the end. */
  barChart(bars: { label: string; value: number; color?: string }[], caption: string): this {
    const rowHeight = 14;
    const labelWidth = 110;
    const max = Math.max(1, ...bars.map((b) => b.value));
    this.ensureSpace(rowHeight * bars.length + 30);
    const top = this.doc.y;
    bars.forEach((bar, i) => {
      const y = top + i * rowHeight;
      const length = ((this.width - labelWidth - 40) * bar.value) / max;
      this.doc.font("regular").fontSize(8).fillColor(COLORS.text).text(bar.label, MARGIN, y + 2, { width: labelWidth - 6, align: "right", lineBreak: false, ellipsis: true });
      this.doc.rect(MARGIN + labelWidth, y + 2, Math.max(1, length), rowHeight - 5).fill(bar.color ?? "#2563eb");
      this.doc.fillColor(COLORS.text).text(String(bar.value), MARGIN + labelWidth + length + 4, y + 2, { lineBreak: false });
    });
    this.doc.x = MARGIN;
    this.doc.y = top + bars.length * rowHeight + 4;
    this.paragraph(caption, { muted: true, size: 8 });
    return this;
  }

  /** Lines over time (one point per scan), with a legend. */
  lineChart(points: { label: string; values: number[] }[], series: { name: string; color: string }[], caption: string): this {
    const height = 150;
    this.ensureSpace(height + 50);
    const top = this.doc.y;
    const left = MARGIN + 30;
    const width = this.width - 40;
    const highest = Math.max(1, ...points.flatMap((p) => p.values));
    const step = niceStep(highest, 5);
    const lines = Math.ceil(highest / step);
    const max = step * lines;
    this.doc.lineWidth(0.5).strokeColor(COLORS.rule);
    for (let i = 0; i <= lines; i++) {
      const y = top + height - (height * i) / lines;
      this.doc.moveTo(left, y).lineTo(left + width, y).stroke();
      this.doc.font("regular").fontSize(7).fillColor(COLORS.muted).text((step * i).toLocaleString("en-US"), MARGIN, y - 4, { width: 26, align: "right", lineBreak: false });
    }
    const x = (i: number) => left + (points.length === 1 ? width / 2 : (width * i) / (points.length - 1));
    const y = (v: number) => top + height - (height * v) / max;
    series.forEach((s, si) => {
      this.doc.lineWidth(1.5).strokeColor(s.color);
      points.forEach((p, i) => (i === 0 ? this.doc.moveTo(x(i), y(p.values[si]!)) : this.doc.lineTo(x(i), y(p.values[si]!))));
      this.doc.stroke();
      points.forEach((p, i) => this.doc.circle(x(i), y(p.values[si]!), 2).fill(s.color));
    });
    const labelEvery = Math.max(1, Math.ceil(points.length / 8));
    points.forEach((p, i) => {
      if (i % labelEvery === 0) this.doc.font("regular").fontSize(7).fillColor(COLORS.muted).text(p.label, x(i) - 25, top + height + 3, { width: 50, align: "center", lineBreak: false });
    });
    let legendX = left;
    for (const s of series) {
      this.doc.rect(legendX, top + height + 16, 8, 8).fill(s.color);
      this.doc.fillColor(COLORS.text).fontSize(8).text(s.name, legendX + 11, top + height + 16, { lineBreak: false });
      legendX += this.doc.widthOfString(s.name) + 30;
    }
    this.doc.x = MARGIN;
    this.doc.y = top + height + 32;
    this.paragraph(caption, { muted: true, size: 8 });
    return this;
  }

  /** Lines to write on, for the reviewer's sign-off. */
  signOff(fields: string[]): this {
    this.ensureSpace(fields.length * 30 + 20);
    for (const field of fields) {
      const y = this.doc.y + 14;
      this.doc.font("bold").fontSize(10).text(field, MARGIN, y, { width: 110 });
      this.doc.moveTo(MARGIN + 115, y + 11).lineTo(MARGIN + this.width, y + 11).lineWidth(0.5).strokeColor(COLORS.text).stroke();
      this.doc.x = MARGIN;
      this.doc.y = y + 16;
    }
    return this;
  }

  /** Writes page numbers and the footer on every page, and returns the PDF. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      // Writing inside the bottom margin would make pdfkit start a new page.
      this.doc.page.margins.bottom = 0;
      const y = this.doc.page.height - MARGIN + 10;
      this.doc.font("regular").fontSize(7).fillColor(COLORS.muted);
      this.doc.text(this.footer, MARGIN, y, { width: this.width - 90, height: 9, ellipsis: true });
      this.doc.text(`Page ${i + 1} of ${range.count}`, MARGIN + this.width - 80, y, { width: 80, align: "right", lineBreak: false });
    }
    this.doc.end();
    return this.done;
  }
}

/** The smallest step of 1, 2 or 5 × 10^k that covers `highest` in at most `lines` gridlines: round numbers on the axis. */
function niceStep(highest: number, lines: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    const step = [1, 2, 5].map((m) => m * magnitude).find((s) => Math.ceil(highest / s) <= lines);
    if (step) return step;
  }
}
