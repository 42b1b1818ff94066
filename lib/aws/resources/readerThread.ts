/**
 * A thread that reads accounts' resource policies and shares for the scan (readerThreads.ts):
 * the SDK's per-call work — signing, serialising, parsing — is most of a resource read's CPU,
 * and here it runs beside the scan's IAM analysis and database writes instead of in turn.
 */
import { parentPort } from "node:worker_threads";
import { describeAwsError } from "../awsErrors";
import { ServiceCallCounter } from "../clients";
import { readAccountResources } from "./resourceReader";
import type { ThreadReadReply, ThreadReadRequest } from "./readerThreads";

const port = parentPort;
if (port) {
  port.on("message", (request: ThreadReadRequest) => {
    const calls = new ServiceCallCounter();
    const { credentials, ...options } = request.options;
    const reply = (body: Omit<ThreadReadReply, "id" | "calls">) => port.postMessage({ id: request.id, calls: calls.toRecord(), ...body } satisfies ThreadReadReply);
    readAccountResources({ ...options, credentials: credentials ? async () => credentials : undefined, calls }).then(
      (read) => reply({ read }),
      (error: unknown) => reply({ error: describeAwsError(error) }),
    );
  });
  port.postMessage("ready");
}
