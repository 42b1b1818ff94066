/** Deterministic helpers: hashes for ids, fixed dates (no randomness and no clock). */
import { createHash } from "node:crypto";

function digest(seed: string): Buffer {
  return createHash("sha256").update(seed).digest();
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** An IAM unique id such as AROA… (roles), AIDA… (users), ANPA… (policies), from a seed. */
export function iamId(prefix: string, seed: string): string {
  const bytes = digest(`${prefix}|${seed}`);
  let out = prefix;
  for (let i = 0; i < 17; i++) out += BASE32[bytes[i]! % 32];
  return out;
}

export function hex(seed: string, length: number): string {
  return digest(seed).toString("hex").slice(0, length);
}

/** A number in [0, n) from a seed. */
export function pick(seed: string, n: number): number {
  return digest(seed).readUInt32BE(0) % n;
}

/** `YYYY-MM-DD` minus `days`, at hh:mm UTC, as the AWS CLI prints IAM dates. */
export function daysBefore(date: string, days: number, hour: number, minute: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) - days * 86_400_000 + (hour * 60 + minute) * 60_000;
  return cliDate(new Date(t).toISOString());
}

/** `2026-10-31T08:12:00.000Z` → `2026-10-31T08:12:00+00:00`. */
export function cliDate(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, "+00:00").replace(/Z$/, "+00:00");
}
