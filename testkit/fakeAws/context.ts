/** What every service handler gets: the fixture, the current faults, the caller and shared state. */
import type { CredentialReports } from "./credentialReport";
import type { Caller, CredentialStore } from "./credentials";
import type { DetailsSnapshots } from "./detailsSnapshots";
import type { AccountDirectory } from "./directory";
import { AwsApiError } from "./errors";
import type { FakeAccount, FakeResources, FaultOptions } from "./types";

/** Regions an account has enabled when its fixture does not say. */
export const DEFAULT_ENABLED_REGIONS: readonly string[] = ["us-east-1"];

export interface ServiceContext {
  directory: AccountDirectory;
  faults: FaultOptions;
  caller: Caller;
  /** The signing region of the call. */
  region: string;
  resources: ResourceStore;
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

/** Each account's resources, asked of the fixture once. */
export class ResourceStore {
  private readonly loaded = new Map<string, Promise<FakeResources>>();

  of(account: FakeAccount): Promise<FakeResources> {
    let resources = this.loaded.get(account.id);
    if (!resources) {
      resources = Promise.resolve(account.resources ? account.resources() : {});
      this.loaded.set(account.id, resources);
    }
    return resources;
  }
}

/** The calling account and its resources in the call's region. */
export async function callerResources(ctx: ServiceContext): Promise<{ account: FakeAccount; resources: FakeResources; inRegion<T extends { region: string }>(list: T[] | undefined): T[] }> {
  const account = ctx.directory.get(ctx.caller.accountId);
  if (!account) throw new AwsApiError("UnrecognizedClientException", 403, "The security token included in the request is invalid.");
  const resources = await ctx.resources.of(account);
  return { account, resources, inRegion: (list) => (list ?? []).filter((item) => item.region === ctx.region) };
}

/** A policy as the wire carries it: JSON text. */
export function policyText(policy: unknown): string {
  return typeof policy === "string" ? policy : JSON.stringify(policy);
}
