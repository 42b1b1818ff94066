/**
 * Vendor names by AWS account id, from the fwd:cloudsec known_aws_accounts `accounts.yaml`
 * format (a list of `{name, accounts, type?, enabled?}`). The same format holds the user's
 * own mappings, which win over the public list.
 */
import { parse as parseYaml } from "yaml";
import { isRecord } from "./policyDocument";

export type VendorSource = "known" | "user";

export interface VendorEntry {
  accountId: string;
  name: string;
  /** `aws`: the account belongs to AWS itself (a service), not to a vendor. */
  type: "vendor" | "aws";
  source: VendorSource;
}

export interface VendorListParse {
  entries: VendorEntry[];
  problems: string[];
}

export function parseVendorList(text: string, source: VendorSource): VendorListParse {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    return { entries: [], problems: [`not valid YAML: ${(error as Error).message.split("\n")[0]}`] };
  }
  if (!Array.isArray(doc)) return { entries: [], problems: ["expected a list of {name, accounts} entries"] };
  const entries: VendorEntry[] = [];
  const problems: string[] = [];
  doc.forEach((item, i) => {
    if (!isRecord(item) || typeof item.name !== "string" || !item.name.trim()) {
      problems.push(`entry ${i + 1} has no name`);
      return;
    }
    if (item.enabled === false) return;
    const accounts = Array.isArray(item.accounts) ? item.accounts : [item.accounts];
    for (const raw of accounts) {
      const accountId = normaliseAccountId(raw);
      if (!accountId) {
        problems.push(`entry ${i + 1} (${item.name}): "${String(raw)}" is not a 12-digit account id`);
        continue;
      }
      entries.push({ accountId, name: item.name.trim(), type: item.type === "aws" ? "aws" : "vendor", source });
    }
  });
  return { entries, problems };
}

/** YAML reads an unquoted id as a number and drops its leading zeros: put them back. */
function normaliseAccountId(raw: unknown): string | null {
  const text = typeof raw === "number" && Number.isInteger(raw) ? String(raw).padStart(12, "0") : typeof raw === "string" ? raw.trim() : "";
  return /^\d{12}$/.test(text) ? text : null;
}

export class VendorDirectory {
  private readonly byAccount = new Map<string, VendorEntry>();

  /** Later lists win over earlier ones; within a list the first entry for an id wins. */
  constructor(...lists: readonly (readonly VendorEntry[])[]) {
    for (const list of lists) {
      const seen = new Set<string>();
      for (const entry of list) {
        if (seen.has(entry.accountId)) continue;
        seen.add(entry.accountId);
        this.byAccount.set(entry.accountId, entry);
      }
    }
  }

  lookup(accountId: string): VendorEntry | null {
    return this.byAccount.get(accountId) ?? null;
  }

  get size(): number {
    return this.byAccount.size;
  }
}
