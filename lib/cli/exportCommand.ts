import { loadActionCatalog } from "../catalog/iamActions";
import { currentInventoryDocument } from "../db/inventoryDocument";
import { PermissionSummaries } from "../db/permissionSummaries";
import { inventoryFile } from "../reports/reportFiles";
import { UsageError, type Command } from "./command";
import { withDatabase } from "./database";
import { writeJson } from "./jsonOutput";

export const exportCommand: Command = {
  name: "export",
  help: `Usage: vendorscope export [--json | --csv]

Prints the stored inventory as of the latest scans: JSON in the same shape as
'vendorscope analyze --json' (docs/analysis.md), or CSV with one row per
vendor × account × role. Accounts whose last scan failed keep their last known
inventory and are listed under errors.

Options:
  --json      JSON (the default)
  --csv       CSV (spreadsheet formulas neutralised)
  -h, --help  show this help
`,
  options: { json: { type: "boolean" }, csv: { type: "boolean" } },
  positionals: { names: [], required: 0 },
  async run(values, _positionals, io) {
    if (values.json && values.csv) throw new UsageError("choose one of --json and --csv");
    const catalog = await loadActionCatalog();
    if (values.csv) {
      const file = await withDatabase(async (db) => inventoryFile(db.prisma, await PermissionSummaries.create(db.prisma, catalog), "csv"));
      io.stdout(file.body);
      return 0;
    }
    // Streamed: the inventory of a large organization is more JSON text than one string holds.
    const inventory = await withDatabase(async (db) => currentInventoryDocument(db.prisma, await PermissionSummaries.create(db.prisma, catalog)));
    await writeJson(io, inventory);
    return 0;
  },
};
