/** Plain formatting shared by pages and reports: relative and absolute times, counts, durations. Pure. */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function relativeTime(date: Date, now: Date = new Date()): string {
  const diff = date.getTime() - now.getTime();
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  return "just now";
}

export function absoluteTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function count(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : many}`;
}

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

/**
 * A long ARN or name (over `max` characters), shortened for a table cell: an ARN keeps its
 * account and the resource's type and name (`123456789012:role/…/DeployRole`); anything still
 * longer keeps its start and end. The full value is always shown beside it (on hover, and copied whole).
 */
export function shortName(value: string, max = 44): string {
  if (value.length <= max) return value;
  let text = value;
  const arn = /^arn:[^:]+:[^:]*:[^:]*:([^:]*):(.+)$/.exec(value);
  if (arn) {
    const [, account, resource] = arn as unknown as [string, string, string];
    const parts = resource.split("/");
    const kept = parts.length > 2 ? `${parts[0]}/…/${parts[parts.length - 1]}` : resource;
    text = account ? `${account}:${kept}` : kept;
  }
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.6);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}
