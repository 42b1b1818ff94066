import { writeFile } from "node:fs/promises";
import { loadActionCatalog } from "../catalog/iamActions";
import { PermissionSummaries } from "../db/permissionSummaries";
import { findParty } from "../queries/findParty";
import { dateParam, reportPeriod } from "../reports/reportBasis";
import { isReportFormat, organizationSummaryFile, REPORT_FORMATS, vendorReportFile, type ReportFile } from "../reports/reportFiles";
import { UsageError, type Command } from "./command";
import { withDatabase } from "./database";

export const reportCommand: Command = {
  name: "report",
  help: `Usage: vendorscope report --vendor NAME|ID [--format pdf|csv|json] [--since DATE] [--until DATE] [--out FILE]
       vendorscope report --summary [--since DATE] [--until DATE] [--out FILE]

--vendor writes one vendor's review pack from the stored inventory: PDF (who it is,
overall risk and why, every account and role it can assume with the trust in plain
words, what it can do, findings with their fixes, the changes of the period, a sign-off
block), CSV (one row per role it can assume) or JSON (its slice of 'vendorscope export
--json', with the period's changes). NAME is a vendor name (case-insensitive, or a unique
part of it); ID is one of its 12-digit AWS account ids or a party key as in the
dashboard's URLs (vendor:NAME, account:ID, anyone).

--summary writes the organization summary for the CISO: exposure totals, trend over the
period's scans, riskiest vendors, vendor access that appeared or went away, accounts not
scanned.

The period defaults to the last 90 days. Without --out the file is written to the
current directory under a descriptive name; '--out -' writes it to stdout.

Options:
  --vendor NAME|ID  the vendor to review
  --summary         the organization summary instead
  --format F        pdf (default), csv or json; --summary is PDF only
  --since DATE      start of the period (YYYY-MM-DD or ISO time)
  --until DATE      end of the period (default now; a date means the end of that day)
  --out FILE        where to write it ('-' for stdout)
  -h, --help        show this help
`,
  options: { vendor: { type: "string" }, summary: { type: "boolean" }, format: { type: "string" }, since: { type: "string" }, until: { type: "string" }, out: { type: "string" } },
  positionals: { names: [], required: 0 },
  async run(values, _positionals, io) {
    const vendor = values.vendor as string | undefined;
    if (!vendor === !values.summary) throw new UsageError("give exactly one of --vendor NAME|ID and --summary");
    const format = (values.format as string | undefined) ?? "pdf";
    if (!isReportFormat(format)) throw new UsageError(`--format: "${format}" is not one of ${REPORT_FORMATS.join(", ")}`);
    if (values.summary && format !== "pdf") throw new UsageError("--summary is a PDF report; use 'vendorscope export' for the inventory as CSV or JSON");
    const period = reportPeriod(date(values.since, "--since"), date(values.until, "--until", true));
    if (period.since > period.until) throw new UsageError("--since is after --until");

    const report = await withDatabase(async ({ prisma: db }): Promise<ReportFile | string> => {
      if (values.summary) return organizationSummaryFile(db, period);
      const match = await findParty(db, vendor!);
      if ("error" in match) return match.error;
      const summaries = await PermissionSummaries.create(db, await loadActionCatalog());
      return (await vendorReportFile(db, summaries, match.party, format, period)) ?? `no access by ${vendor} is recorded`;
    });
    if (typeof report === "string") {
      io.stderr(`vendorscope report: ${report}\n`);
      return 1;
    }
    const out = (values.out as string | undefined) ?? report.filename;
    if (out === "-") {
      io.stdout(report.body);
      return 0;
    }
    await writeFile(out, report.body);
    io.stderr(`Wrote ${out} (${Buffer.byteLength(report.body).toLocaleString("en-US")} bytes)\n`);
    return 0;
  },
};

function date(value: string | boolean | undefined, option: string, endOfDay = false): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = dateParam(String(value), endOfDay);
  if (!parsed) throw new UsageError(`${option}: "${String(value)}" is not a date (YYYY-MM-DD)`);
  return parsed;
}
