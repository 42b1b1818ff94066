import { AccountAnalyzer } from "../analysis/accountAnalyzer";
import { AnalysisRun } from "../analysis/analysisRun";
import { FINDING } from "../analysis/findings";
import type { InventoryDocument } from "../analysis/analysisRecords";
import type { TrustRecord } from "../analysis/trustRecord";
import { VendorDirectory, type VendorEntry } from "../analysis/vendorList";
import { loadActionCatalog } from "../catalog/iamActions";
import { InputPathError, listInputFiles, readInputDocument } from "../collect/inputFiles";
import { readVendorFile } from "../collect/vendorFiles";
import { UsageError, type Command } from "./command";
import { writeJson } from "./jsonOutput";
import { plural, table } from "./text";

export const analyzeCommand: Command = {
  name: "analyze",
  help: `Usage: vendorscope analyze PATH [options]

Analyses get-account-authorization-details exports and prints every role that a party
outside its account can assume, with the vendor, findings and risk.

PATH is a file or a directory of them. Files are recognised by their content:
  - aws iam get-account-authorization-details output (one per account),
  - aws organizations list-accounts output (the organization's members), and
  - IAM credential reports (CSV), optional, and
  - resource exports: an account's resource policies and shares (docs/analysis.md).
Files that are neither, or are not JSON, are listed under errors; the rest is analysed.

Options:
  --accounts FILE         list-accounts output naming the organization's members
                          (default: a list-accounts file in PATH, else the accounts
                          whose exports are in PATH)
  --known-accounts FILE   vendor accounts in the fwd:cloudsec accounts.yaml format
  --vendors FILE          your own vendor mappings, same format; wins over --known-accounts
  --as-of DATE            judge "unused" (90 days) as of this date (default: now)
  --json                  print one JSON object (schema: docs/analysis.md)
  -h, --help              show this help

Exit status: 0 when at least one account was analysed, 1 when none could be, 2 on bad usage.
`,
  options: {
    accounts: { type: "string" },
    "known-accounts": { type: "string" },
    vendors: { type: "string" },
    "as-of": { type: "string" },
    json: { type: "boolean" },
  },
  positionals: { names: ["PATH"], required: 1 },
  async run(values, [path], io) {
    const now = values["as-of"] === undefined ? new Date() : new Date(String(values["as-of"]));
    if (Number.isNaN(now.getTime())) throw new UsageError(`--as-of: "${values["as-of"]}" is not a date`);
    let files: string[];
    try {
      files = await listInputFiles(path!);
    } catch (error) {
      if (error instanceof InputPathError) throw new UsageError(error.message);
      throw error;
    }
    const run = new AnalysisRun(new AccountAnalyzer(await loadActionCatalog()));
    const vendorLists: VendorEntry[][] = [];
    for (const [option, source] of [["known-accounts", "known"], ["vendors", "user"]] as const) {
      const file = values[option];
      if (typeof file !== "string") continue;
      const list = await readVendorFile(file, source);
      for (const problem of list.problems) run.addError(file, problem);
      vendorLists.push(list.entries);
    }
    const accountsFile = typeof values.accounts === "string" ? values.accounts : null;
    for (const file of accountsFile ? [accountsFile, ...files.filter((f) => f !== accountsFile)] : files) {
      const doc = await readInputDocument(file);
      if ("error" in doc) {
        run.addError(doc.source, doc.error);
        continue;
      }
      const kind = "credentialReport" in doc ? run.addCredentialReport(doc.source, doc.credentialReport) : run.add(doc.source, doc.value);
      if (file === accountsFile && kind !== null && kind !== "list-accounts") {
        run.addError(file, "--accounts expects an Organizations list-accounts output");
      }
    }
    const inventory = run.inventoryDocument({ vendors: new VendorDirectory(...vendorLists), now });
    if (values.json) await writeJson(io, inventory);
    else io.stdout(formatInventoryDocument(inventory));
    return run.accountCount > 0 ? 0 : 1;
  },
};

function formatInventoryDocument(inventory: InventoryDocument): string {
  const { organization: org, accounts } = inventory;
  const external = inventory.trusts.filter((t) => !t.internal);
  const lines: string[] = [];
  const roles = accounts.reduce((n, a) => n + a.roles, 0);
  const users = accounts.reduce((n, a) => n + a.users, 0);
  lines.push(
    `Analysed ${plural(accounts.length, "account")} (${plural(roles, "role")}, ${plural(users, "user")})` +
      (org.orgId ? ` of organization ${org.orgId}` : "") +
      (org.notAnalysed.length ? `; ${plural(org.notAnalysed.length, "member account")} not in the input: ${org.notAnalysed.join(", ")}` : ""),
  );
  lines.push("", `Vendors (${inventory.vendors.length})`);
  lines.push(
    inventory.vendors.length
      ? indent(table(["RISK", "VENDOR", "THEIR ACCOUNTS", "TRUSTS", "OUR ACCOUNTS"], inventory.vendors.map((v) => [v.risk, v.name, v.accountIds.join(" ") || "-", String(v.trusts), String(v.reachableAccounts.length)])))
      : "  none",
  );
  if (inventory.unknownAccounts.length) {
    lines.push("", `Unknown external accounts (${inventory.unknownAccounts.length})`);
    lines.push(indent(table(["RISK", "ACCOUNT", "TRUSTS", "OUR ACCOUNTS"], inventory.unknownAccounts.map((u) => [u.risk, u.accountId, String(u.trusts), String(u.reachableAccounts.length)]))));
  }
  const internal = inventory.trusts.length - external.length;
  lines.push("", `Third-party trusts (${external.length}${internal ? `; ${internal} internal not shown` : ""})`);
  lines.push(
    external.length
      ? indent(
          table(
            ["RISK", "ACCOUNT", "ROLE", "PRINCIPAL", "VENDOR", "EXTERNALID", "FINDINGS"],
            external.map((t) => [t.risk, t.accountId, t.roleName, t.principal, vendorCell(t), t.externalId ?? "-", t.findings.join(" ")]),
            64,
          ),
        )
      : "  none",
  );
  if (inventory.resources.length) {
    const outside = inventory.resources.filter((r) => !r.internal);
    lines.push("", `Resource grants (${outside.length}${outside.length < inventory.resources.length ? `; ${inventory.resources.length - outside.length} internal not shown` : ""})`);
    if (outside.length) {
      lines.push(
        indent(
          table(
            ["RISK", "ACCOUNT", "SERVICE", "RESOURCE", "PRINCIPAL", "VENDOR", "FINDINGS"],
            outside.map((r) => [r.risk, r.accountId, r.service, r.resourceArn, r.principal, r.vendor ?? (r.findings.includes(FINDING.UNKNOWN_VENDOR) ? "unknown" : "-"), r.findings.join(" ")]),
            64,
          ),
        ),
      );
    }
  }
  if (inventory.errors.length) {
    lines.push("", `Errors (${inventory.errors.length})`);
    lines.push(indent(table(["SOURCE", "MESSAGE"], inventory.errors.map((e) => [e.source, e.message]), 160)));
  }
  return lines.join("\n") + "\n";
}

function vendorCell(t: TrustRecord): string {
  if (t.vendor) return t.vendor;
  if (t.awsService) return `AWS (${t.awsService})`;
  return t.findings.includes(FINDING.UNKNOWN_VENDOR) ? "unknown" : "-";
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}
