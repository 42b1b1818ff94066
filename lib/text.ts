/** Plain text rules shared by what reads untrusted input (URL parameters) and what stores it (the audit log). */

/** Text cut to at most `max` UTF-16 units, with no half surrogate pair at the cut or anywhere (a lone one cannot be encoded as UTF-8): each becomes U+FFFD. */
export function clipText(value: string, max: number): string {
  const cut = value.length > max ? value.slice(0, max) : value;
  return cut.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}
