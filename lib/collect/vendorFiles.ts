import { readFile } from "node:fs/promises";
import { parseVendorList, type VendorEntry, type VendorSource } from "../analysis/vendorList";

export interface VendorFile {
  entries: VendorEntry[];
  problems: string[];
}

/** Reads an `accounts.yaml`-format file; a missing or unreadable file is a problem, not a crash. */
export async function readVendorFile(path: string, source: VendorSource): Promise<VendorFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return { entries: [], problems: [`cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`] };
  }
  return parseVendorList(text, source);
}
