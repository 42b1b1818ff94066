import { AUDIT } from "../audit/auditEventKinds";
import { recordAudit } from "../audit/auditLog";
import { requestCancel } from "../scan/runners/executor";
import { UsageError, type Command } from "./command";
import { cliActor } from "./cliActor";
import { withInventoryStore } from "./database";

export const cancelCommand: Command = {
  name: "cancel",
  help: `Usage: vendorscope cancel [SCAN_ID]

Asks the running scan (or scan SCAN_ID) to stop. Accounts already read are kept; the scan
ends as cancelled and decides no removals.

Options:
  -h, --help  show this help
`,
  options: {},
  positionals: { names: ["SCAN_ID"], required: 0 },
  async run(_values, [id], io) {
    const scanId = id === undefined ? undefined : Number(id.replace(/^#/, ""));
    if (scanId !== undefined && !(Number.isInteger(scanId) && scanId > 0)) throw new UsageError(`"${id}" is not a scan number`);
    const cancelled = await withInventoryStore(async (store) => {
      const id = await requestCancel(store, scanId);
      if (id) await recordAudit(store.prisma, { action: AUDIT.SCAN_CANCELLED, ...cliActor(), target: `scan #${id}` });
      return id;
    });
    if (cancelled === null) {
      io.stderr(`vendorscope cancel: ${scanId ? `scan #${scanId} is not running` : "no scan is running"}\n`);
      return 1;
    }
    io.stdout(`Scan #${cancelled} will stop after the accounts in progress.\n`);
    return 0;
  },
};
