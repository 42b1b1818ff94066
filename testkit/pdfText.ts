import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PdfContent {
  pages: string[];
  /** All pages' text, each line of the page as drawn, with runs of spaces collapsed. */
  text: string;
  info: Record<string, unknown>;
}

/** The text a reader sees in a PDF, page by page, as extracted by pdf.js (Firefox's PDF engine). */
export async function pdfText(bytes: Uint8Array | Buffer): Promise<PdfContent> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      text += item.str + (item.hasEOL ? "\n" : " ");
    }
    pages.push(text.replace(/[ \t]+/g, " "));
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, text: pages.join("\n"), info: info as Record<string, unknown> };
}
