/** Plain-text output helpers. Text from AWS or from input files can hold terminal escape
 * sequences: every cell goes through `inert()` before it reaches the terminal. */

export function inert(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
}

/** Columns padded to width; cells longer than `maxWidth` are cut, except in the last column. */
export function table(headers: string[], rows: string[][], maxWidth = 48): string {
  const last = headers.length - 1;
  const cells = [headers, ...rows].map((row) => row.map((cell, i) => (i === last ? inert(cell) : truncate(inert(cell), maxWidth))));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i === last ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd()).join("\n");
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : many}`;
}
