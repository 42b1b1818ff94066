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
  /** The account's resource export (lib/analysis/resources), when one was read. */
  resources?: Uint8Array | null;
}

/** Compresses off the main thread (zlib's thread pool), so scanning goes on meanwhile. */
export async function packExport(authorizationDetails: unknown, credentialReport: string | null, resources: unknown = null): Promise<PackedExport> {
  const text = JSON.stringify(authorizationDetails);
  const resourceText = resources === null ? null : JSON.stringify(resources);
  const [packed, report, packedResources] = await Promise.all([
    gzipAsync(text, { level: 6 }),
    credentialReport === null ? null : gzipAsync(credentialReport),
    resourceText === null ? null : gzipAsync(resourceText, { level: 6 }),
  ]);
  const sha256 = createHash("sha256").update(text).update(credentialReport ?? "").update(resourceText ?? "").digest("hex");
  return { gzip: packed, sha256, credentialReport: report, resources: packedResources };
}

export async function unpackExport(row: { authorizationDetails: Uint8Array; credentialReport: Uint8Array | null; resources?: Uint8Array | null }) {
  const [details, report, resources] = await Promise.all([
    gunzipAsync(row.authorizationDetails),
    row.credentialReport ? gunzipAsync(row.credentialReport) : null,
    row.resources ? gunzipAsync(row.resources) : null,
  ]);
  return {
    authorizationDetails: JSON.parse(details.toString("utf8")) as unknown,
    credentialReport: report?.toString("utf8") ?? null,
    resources: resources === null ? null : (JSON.parse(resources.toString("utf8")) as unknown),
  };
}
