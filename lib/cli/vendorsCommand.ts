import { AUDIT } from "../audit/auditEventKinds";
import { recordAudit } from "../audit/auditLog";
import { cliActor, cliUser } from "./cliActor";
import { VendorListError, fetchKnownVendors } from "../collect/knownVendors";
import { ScanInProgressError } from "../db/scanLock";
import { replaceKnownVendors, vendorListMeta } from "../db/vendorStore";
import type { ScanResult } from "../db/scanTypes";
import { nameExternalAccount } from "../scan/nameAccount";
import { silentProgress } from "../scan/progress";
import { reanalyze } from "../scan/sources/reanalyze";
import { UsageError, type Command } from "./command";
import { withDatabase, withInventoryStore } from "./database";
import { plural, table } from "./text";

type Applied = ScanResult | null | "scan running";

/**
 * Runs an attribution pass (the stored inventory judged again with new names, at once; not a
 * scan). A running scan keeps the lock: then the names wait for `vendorscope reanalyze`.
 */
async function attributed(pass: () => Promise<ScanResult | null>): Promise<Applied> {
  try {
    return await pass();
  } catch (error) {
    if (error instanceof ScanInProgressError) return "scan running";
    throw error;
  }
}

function appliedText(applied: Applied): string {
  if (applied === "scan running") return " A scan is running: run 'vendorscope reanalyze' when it has finished to apply the names to the stored inventory.";
  return applied ? ` Applied to the stored inventory of ${plural(applied.accountsOk, "account")} (an attribution, not a scan).` : "";
}

export const vendorsCommand: Command = {
  name: "vendors",
  help: `Usage: vendorscope vendors update [--file PATH]
       vendorscope vendors map ACCOUNT_ID NAME
       vendorscope vendors list [--json]

  update   download the fwd:cloudsec known AWS accounts list
           (VENDORSCOPE_KNOWN_ACCOUNTS_URL, default the upstream accounts.yaml), or read it
           from --file; a failed download keeps the previous list. The stored inventory is
           judged again with it at once (an attribution, not a scan)
  map      record your own name for an AWS account; it wins over the known list, and
           the stored inventory it reaches is judged again at once (an attribution,
           not a scan: the last scan stays the last scan)
  list     vendors with the accounts they own

Options:
  --file PATH  with update: a local copy of accounts.yaml
  --json       with list: print JSON
  -h, --help   show this help
`,
  options: { file: { type: "string" }, json: { type: "boolean" } },
  positionals: { names: ["ACTION", "ACCOUNT_ID", "NAME"], required: 1 },
  async run(values, [subcommand, ...args], io) {
    if (subcommand === "update") {
      if (args.length > 0) throw new UsageError(`unexpected argument '${args[0]}'`);
      let list;
      try {
        list = await fetchKnownVendors({ file: typeof values.file === "string" ? values.file : undefined });
      } catch (error) {
        if (!(error instanceof VendorListError)) throw error;
        const previous = await withDatabase((db) => vendorListMeta(db.prisma));
        io.stderr(
          `vendorscope vendors update: ${error.message}. ` +
            (previous ? `Keeping the list from ${previous.source} (${previous.updatedAt}, ${previous.accounts} accounts).` : "No vendor list is stored yet.") +
            " Offline? Download accounts.yaml elsewhere and run 'vendorscope vendors update --file accounts.yaml'.\n",
        );
        return 1;
      }
      const { meta, applied } = await withInventoryStore(async (store) => {
        const meta = await store.prisma.$transaction((tx) => replaceKnownVendors(tx, list.entries, list.source));
        const stored = (await store.prisma.rawExport.count()) > 0;
        return { meta, applied: stored ? await attributed(() => reanalyze(store, { trigger: "vendor-list", startedBy: cliUser(), attribution: {} }, silentProgress)) : null };
      });
      for (const problem of list.problems) io.stderr(`warning: ${problem}\n`);
      io.stdout(`Vendor list updated from ${meta.source}: ${meta.accounts} accounts.${appliedText(applied)}\n`);
      return 0;
    }
    if (subcommand === "map") {
      const [accountId, name] = args;
      if (!accountId || !name) throw new UsageError("map needs ACCOUNT_ID and NAME");
      if (!/^\d{12}$/.test(accountId)) throw new UsageError(`"${accountId}" is not a 12-digit account id`);
      const vendor = name.trim();
      const applied = await withInventoryStore(async (store) => {
        const pass = await attributed(() => nameExternalAccount(store, accountId, vendor, cliUser()));
        await recordAudit(store.prisma, { action: AUDIT.VENDOR_MAPPED, ...cliActor(), target: accountId, details: { vendor } });
        return pass;
      });
      io.stdout(`Account ${accountId} is now "${vendor}".${appliedText(applied) || " No stored trust names it yet: the next scan will."}\n`);
      return 0;
    }
    if (subcommand === "list") {
      if (args.length > 0) throw new UsageError(`unexpected argument '${args[0]}'`);
      const rows = await withDatabase((db) => db.prisma.vendor.findMany({ include: { accounts: true }, orderBy: { name: "asc" } }));
      const vendors = rows.filter((v) => v.accounts.length > 0).map((v) => ({ name: v.name, type: v.type, accounts: v.accounts.map((a) => ({ accountId: a.accountId, source: a.source })) }));
      if (values.json) io.stdout(JSON.stringify(vendors, null, 2) + "\n");
      else io.stdout(table(["VENDOR", "TYPE", "ACCOUNTS"], vendors.map((v) => [v.name, v.type, v.accounts.map((a) => (a.source === "user" ? `${a.accountId} (yours)` : a.accountId)).join(" ")]), 60) + "\n");
      return 0;
    }
    throw new UsageError(`unknown action '${subcommand}' (update, map or list)`);
  },
};
