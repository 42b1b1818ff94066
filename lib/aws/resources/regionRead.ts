/**
 * What a resource reader works with in one account and region: counted clients, a bounded
 * number of calls in flight, and where to put what it read. A reader lists its resources
 * with the calls that return many at once, then reads each one's policy or share.
 */
import type { PolicyService, ResourceService, ShareService } from "../../analysis/resources/resourceServices";
import { hasErrorCode } from "../awsErrors";

export interface ResourceClientFactory {
  /** A client for `service`, in the reader's region unless another is named (S3 buckets). */
  <T>(Client: new (config: never) => T, service: string, region?: string): T;
}

export interface RegionRead {
  accountId: string;
  partition: string;
  region: string;
  client: ResourceClientFactory;
  /** Reads one resource with the others of this account, at most a few at once. */
  each<T>(items: readonly T[], service: ResourceService, arnOf: (item: T) => string, read: (item: T) => Promise<void>): Promise<void>;
  policy(service: PolicyService, arn: string, policy: unknown, region?: string): void;
  share(service: ShareService, arn: string, sharedWith: readonly string[], permissions?: readonly string[]): void;
}

export interface ResourceReader {
  /** The resource kinds a failure of this reader leaves unread. */
  services: readonly ResourceService[];
  /** The SDK service it calls, for the call counts. */
  sdkService: string;
  /** Read once per account (S3: buckets are listed globally), not once per region. */
  global?: boolean;
  read(ctx: RegionRead): Promise<void>;
}

/** Errors that mean "this resource has no policy" or "it went away since it was listed": nothing to record. */
export function isAbsent(error: unknown, codes: RegExp): boolean {
  return hasErrorCode(error, codes);
}

/** The items of every page of an SDK paginator. */
export async function allPages<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/** Stops at the first error; the reader's caller records it. */
export async function absentIsNothing<T>(read: () => Promise<T>, absent: RegExp): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isAbsent(error, absent)) return null;
    throw error;
  }
}
