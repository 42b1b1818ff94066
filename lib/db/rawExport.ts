/** The raw export kept per account (gzip) so the inventory can be re-analyzed without AWS. */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface PackedExport {
  gzip: Uint8Array;
  sha256: string;
  credentialReport: Uint8Array | null;
}

/** Compresses off the main thread (zlib's thread pool), so scanning goes on meanwhile. */
export async function packExport(authorizationDetails: unknown, credentialReport: string | null): Promise<PackedExport> {
  const text = JSON.stringify(authorizationDetails);
  const [packed, report] = await Promise.all([gzipAsync(text, { level: 6 }), credentialReport === null ? null : gzipAsync(credentialReport)]);
  return { gzip: packed, sha256: createHash("sha256").update(text).update(credentialReport ?? "").digest("hex"), credentialReport: report };
}

export async function unpackExport(row: { authorizationDetails: Uint8Array; credentialReport: Uint8Array | null }) {
  const [details, report] = await Promise.all([gunzipAsync(row.authorizationDetails), row.credentialReport ? gunzipAsync(row.credentialReport) : null]);
  return { authorizationDetails: JSON.parse(details.toString("utf8")) as unknown, credentialReport: report?.toString("utf8") ?? null };
}
