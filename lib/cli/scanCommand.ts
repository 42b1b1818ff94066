import { AUDIT } from "../audit/auditEventKinds";
import { recordAudit } from "../audit/auditLog";
import { cliActor, cliUser } from "./cliActor";
import { DEFAULT_AWS_SETTINGS } from "../aws/clients";
import { configuredMemberRole, DEFAULT_MEMBER_ROLE } from "../aws/memberCredentials";
import { InputPathError } from "../collect/inputFiles";
import { ScanInProgressError } from "../db/scanLock";
import type { ScanResult } from "../db/scanTypes";
import type { Database } from "../db/client";
import { configuredExecutor, DEFAULT_CONCURRENCY, ExecutorError, runLiveScan, type ExecutorKind } from "../scan/runners/executor";
import { ImportDateError, importFiles } from "../scan/sources/fileImport";
import { positiveInteger, UsageError, type Command } from "./command";
import { withInventoryStore } from "./database";
import { progressPrinter } from "./progressPrinter";

export const scanCommand: Command = {
  name: "scan",
  help: `Usage: vendorscope scan [options]

Reads every active account of the AWS Organization and stores who outside the organization
can assume which role, what it can do, and what changed since the last scan. Uses the AWS
SDK's default credentials (environment, profile, SSO, instance or task role); run it from
the management account or a delegated administrator. Without Organizations access it scans
the credentials' own account. Only read-only calls are made (docs/aws-permissions.md).

Options:
  --from PATH           import exported files instead of calling AWS (what
                        'vendorscope analyze' accepts: get-account-authorization-details
                        exports, a list-accounts output, credential report CSVs)
  --as-of DATE          with --from: when the files were exported (an older export); the
                        scan and its changes are dated then (must be after the last scan)
  --role-name NAME      role to assume in each member account
                        (default: VENDORSCOPE_MEMBER_ROLE or ${DEFAULT_MEMBER_ROLE.roleName})
  --external-id VALUE   ExternalId for that role (default: VENDORSCOPE_EXTERNAL_ID)
  --concurrency N       accounts read at once (default ${DEFAULT_CONCURRENCY})
  --region REGION       region for STS and the SDK (default: AWS_REGION or us-east-1)
  --executor KIND       inline (this process reads every account) or queue (one job per
                        account for 'vendorscope worker' processes; PostgreSQL)
                        (default: VENDORSCOPE_EXECUTOR or inline)
  -h, --help            show this help

The database is DATABASE_URL (PostgreSQL) when set, else the embedded one in
VENDORSCOPE_DATA_DIR (default .vendorscope/pglite).

Exit status: 0 every account read, 3 some accounts failed or (with --from) some input file
could not be read (their last inventory is kept), 1 the scan failed or another scan is
running, 2 bad usage.
`,
  options: {
    from: { type: "string" },
    "as-of": { type: "string" },
    "role-name": { type: "string" },
    "external-id": { type: "string" },
    concurrency: { type: "string" },
    region: { type: "string" },
    executor: { type: "string" },
  },
  positionals: { names: [], required: 0 },
  async run(values, _positionals, io) {
    const concurrency = positiveInteger(values.concurrency, "--concurrency", DEFAULT_CONCURRENCY);
    const from = typeof values.from === "string" ? values.from : null;
    const asOf = typeof values["as-of"] === "string" ? new Date(values["as-of"]) : undefined;
    if (asOf && !from) throw new UsageError("--as-of dates imported files: use it with --from");
    if (asOf && Number.isNaN(asOf.getTime())) throw new UsageError(`--as-of: "${values["as-of"]}" is not a date`);
    if (from && (values["role-name"] !== undefined || values["external-id"] !== undefined || values.region !== undefined || values.executor !== undefined)) {
      throw new UsageError("--from imports files: --role-name, --external-id, --region and --executor apply to live scans only");
    }
    const progress = progressPrinter(io);
    const controller = new AbortController();
    const cancel = () => {
      if (controller.signal.aborted) return;
      io.stderr("\nCancelling: no new account will be started; finished accounts are kept.\n");
      controller.abort();
    };
    process.once("SIGINT", cancel);
    let result: ScanResult;
    try {
      result = await withInventoryStore(async (store, db) => {
        await recordAudit(store.prisma, { action: AUDIT.SCAN_STARTED, ...cliActor(), details: { trigger: "cli", from: from ?? "aws" } });
        return from
          ? importFiles(store, from, { trigger: "cli", startedBy: cliUser(), asOf }, progress)
          : runLiveScan(
              store,
              executorFor(db, values.executor),
              {
                aws: { ...DEFAULT_AWS_SETTINGS, region: typeof values.region === "string" ? values.region : DEFAULT_AWS_SETTINGS.region },
                memberRole: configuredMemberRole({
                  roleName: typeof values["role-name"] === "string" ? values["role-name"] : undefined,
                  externalId: typeof values["external-id"] === "string" ? values["external-id"] : undefined,
                }),
                concurrency,
                trigger: "cli",
                startedBy: cliUser(),
                signal: controller.signal,
              },
              progress,
            );
      });
    } catch (error) {
      if (error instanceof InputPathError || error instanceof ImportDateError) throw new UsageError(error.message);
      if (error instanceof ScanInProgressError) {
        io.stderr(`vendorscope scan: ${error.message}; try again when it has finished\n`);
        return 1;
      }
      throw error;
    } finally {
      process.off("SIGINT", cancel);
    }
    if (result.error) io.stderr(`vendorscope scan: ${result.error}\n`);
    return result.status === "succeeded" ? 0 : result.status === "partial" ? 3 : 1;
  },
};

function executorFor(db: Database, requested: string | boolean | undefined): ExecutorKind {
  try {
    return configuredExecutor(db, typeof requested === "string" ? requested : undefined);
  } catch (error) {
    if (error instanceof ExecutorError) throw new UsageError(error.message);
    throw error;
  }
}
