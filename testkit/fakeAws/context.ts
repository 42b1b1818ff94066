/** What every service handler gets: the fixture, the current faults, the caller and shared state. */
import type { CredentialReports } from "./credentialReport";
import type { Caller, CredentialStore } from "./credentials";
import type { DetailsSnapshots } from "./detailsSnapshots";
import type { AccountDirectory } from "./directory";
import type { FaultOptions } from "./types";

export interface ServiceContext {
  directory: AccountDirectory;
  faults: FaultOptions;
  caller: Caller;
  credentials: CredentialStore;
  reports: CredentialReports;
  snapshots: DetailsSnapshots;
}

/** A query-protocol list parameter (`Filter.member.N`) as strings; an empty list arrives as "". */
export function listParam(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string" && value !== "") return [value];
  return [];
}

export function stringParam(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** An integer parameter sent as text (query) or a number (JSON); NaN when it is neither. */
export function intParam(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) ? n : Number.NaN;
}
