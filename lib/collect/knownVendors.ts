/** Downloads the fwd:cloudsec known AWS accounts list (or reads a local copy). */
import { readFile } from "node:fs/promises";
import { parseVendorList, type VendorListParse } from "../analysis/vendorList";

export const KNOWN_ACCOUNTS_URL = "https://raw.githubusercontent.com/fwdcloudsec/known_aws_accounts/main/accounts.yaml";

export interface FetchedVendorList extends VendorListParse {
  source: string;
}

export class VendorListError extends Error {
  override name = "VendorListError";
}

/** From `file` when given, else from VENDORSCOPE_KNOWN_ACCOUNTS_URL or the upstream URL. */
export async function fetchKnownVendors(options: { file?: string; url?: string; timeoutMs?: number } = {}): Promise<FetchedVendorList> {
  let text: string;
  let source: string;
  if (options.file) {
    source = options.file;
    try {
      text = await readFile(options.file, "utf8");
    } catch (error) {
      throw new VendorListError(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    source = options.url ?? process.env.VENDORSCOPE_KNOWN_ACCOUNTS_URL ?? KNOWN_ACCOUNTS_URL;
    try {
      const response = await fetch(source, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new VendorListError(`cannot download ${source}: ${cause ?? (error as Error).message}`);
    }
  }
  const parsed = parseVendorList(text, "known");
  if (parsed.entries.length === 0) throw new VendorListError(`${source} holds no vendor accounts${parsed.problems[0] ? ` (${parsed.problems[0]})` : ""}`);
  return { ...parsed, source };
}
