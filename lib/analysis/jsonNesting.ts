/**
 * How deeply JSON text nests, found by a flat scan. JSON.parse itself copes with any depth,
 * but whatever walks the value afterwards (JSON.stringify, our analysis) recurses and
 * overflows the stack at a few thousand levels: documents nested deeper than anything IAM
 * produces are refused before they are parsed.
 */

/** IAM documents nest about 6 levels, a whole export about 10. */
export const MAX_JSON_DEPTH = 64;

/**
 * Index of the first `[` or `{` that opens level `limit + 1`, or -1 when the text stays
 * within `limit` levels. Brackets inside strings don't count; the text is not validated.
 */
export function excessiveNesting(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = stringEnd(text, i + 1);
      if (i === -1) return -1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return -1;
}

/** Index of the quote closing the string whose content starts at `from`, or -1. */
function stringEnd(text: string, from: number): number {
  let at = from;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (quote - backslashes - 1 >= from && text.charCodeAt(quote - backslashes - 1) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

export function nestingMessage(index: number, limit = MAX_JSON_DEPTH): string {
  return `nested deeper than ${limit} levels (at character ${index.toLocaleString("en-US")})`;
}
