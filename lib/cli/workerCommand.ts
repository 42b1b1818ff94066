import { startWorker } from "../scan/runners/worker";
import { positiveInteger, type Command } from "./command";
import { withInventoryStore } from "./database";
import { inert } from "./text";

export const workerCommand: Command = {
  name: "worker",
  help: `Usage: vendorscope worker [--concurrency N]

Runs until stopped (Ctrl-C or SIGTERM finishes the accounts in hand first). Each job reads
one account of a queued scan ('vendorscope scan --executor queue', the scheduler, or the
dashboard with VENDORSCOPE_EXECUTOR=queue), analyses it and saves it. A worker killed
mid-job loses nothing: the job is handed to another worker when its lease expires
(VENDORSCOPE_JOB_LEASE_SECONDS, default 600). Needs DATABASE_URL and the same AWS
credentials and VENDORSCOPE_EXTERNAL_ID as a single-process scan.

Options:
  --concurrency N   accounts at once in this process (default 8)
  -h, --help        show this help
`,
  options: { concurrency: { type: "string" } },
  positionals: { names: [], required: 0 },
  async run(values, _positionals, io) {
    const concurrency = positiveInteger(values.concurrency, "--concurrency", 8);
    return withInventoryStore(async (store) => {
      const worker = await startWorker(store, concurrency, {
        account: (scanId, accountId, outcome, detail) => io.stdout(`scan #${scanId} ${accountId} ${outcome}: ${inert(detail)}\n`),
      });
      io.stdout(`Worker ready (${concurrency} at once); waiting for account jobs.\n`);
      await new Promise<void>((resolve) => {
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
      });
      io.stdout("Stopping: finishing the accounts in hand…\n");
      await worker.stop();
      return 0;
    });
  },
};
