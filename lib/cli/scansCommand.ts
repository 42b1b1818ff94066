import { REAL_SCANS } from "../history/attribution";
import type { Command } from "./command";
import { withDatabase } from "./database";
import { formatSeconds } from "./progressPrinter";
import { table } from "./text";

export const scansCommand: Command = {
  name: "scans",
  help: `Usage: vendorscope scans [--limit N] [--json]

Lists scans, newest first: status, trigger, source, when, how long, accounts read and
failed, API calls and the number of changes found. Naming an account (vendors map, or the
dashboard) is an attribution, not a scan, and is not listed.

Options:
  --limit N   at most N scans (default 50)
  --json      print a JSON array
  -h, --help  show this help
`,
  options: { json: { type: "boolean" }, limit: { type: "string" } },
  positionals: { names: [], required: 0 },
  async run(values, _positionals, io) {
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    const scans = await withDatabase((db) => db.prisma.scan.findMany({ where: REAL_SCANS, omit: { options: true }, orderBy: { id: "desc" }, take: Number.isInteger(limit) && limit > 0 ? limit : 50 }));
    if (values.json) {
      io.stdout(
        JSON.stringify(
          scans.map((s) => ({
            id: s.id,
            status: s.status,
            trigger: s.trigger,
            source: s.source,
            startedBy: s.startedBy,
            startedAt: s.startedAt.toISOString(),
            finishedAt: s.finishedAt?.toISOString() ?? null,
            accountsTotal: s.accountsTotal,
            accountsOk: s.accountsOk,
            accountsFailed: s.accountsFailed,
            apiCalls: s.apiCalls,
            changes: s.changes,
            error: s.error,
            warnings: s.warnings,
          })),
          null,
          2,
        ) + "\n",
      );
      return 0;
    }
    if (scans.length === 0) {
      io.stdout("No scans yet. Run 'vendorscope scan' (or 'vendorscope scan --from DIR' to import exported files).\n");
      return 0;
    }
    io.stdout(
      table(
        ["SCAN", "STATUS", "TRIGGER", "SOURCE", "STARTED", "DURATION", "ACCOUNTS OK/FAILED", "API CALLS", "CHANGES"],
        scans.map((s) => [
          `#${s.id}`,
          s.status,
          s.trigger,
          s.source,
          s.startedAt.toISOString().replace("T", " ").slice(0, 19),
          s.finishedAt ? formatSeconds(Math.round((s.finishedAt.getTime() - s.startedAt.getTime()) / 1000)) : "-",
          `${s.accountsOk}/${s.accountsFailed}`,
          String(s.apiCalls),
          String(s.changes),
        ]),
      ) + "\n",
    );
    return 0;
  },
};
