/**
 * A thread that reads accounts' resource policies and shares for the scan (readerThreads.ts):
 * the SDK's per-call work — signing, serialising, parsing — is most of a resource read's CPU,
 * and here it runs beside the scan's IAM analysis and database writes instead of in turn.
 */
import { parentPort } from "node:worker_threads";
import type { AwsCredentialIdentity } from "@smithy/types";
import { describeAwsError } from "../awsErrors";
import { ServiceCallCounter } from "../clients";
import { readAccountResources } from "./resourceReader";
import { THREAD_REFRESH_BEFORE_MS, type CredentialsReply, type CredentialsRequest, type ThreadReadReply, type ThreadReadRequest } from "./readerThreads";

const port = parentPort;
const asked = new Map<number, (reply: CredentialsReply) => void>();

/** The credentials handed over, until they near expiry; then fresh ones from the scanning thread. */
function sessionCredentials(id: number, first: AwsCredentialIdentity): () => Promise<AwsCredentialIdentity> {
  let held = first;
  let refreshing: Promise<AwsCredentialIdentity> | null = null;
  return async () => {
    if (!held.expiration || held.expiration.getTime() - Date.now() > THREAD_REFRESH_BEFORE_MS) return held;
    refreshing ??= new Promise<CredentialsReply>((resolve) => {
      asked.set(id, resolve);
      port!.postMessage({ type: "credentials?", id } satisfies CredentialsRequest);
    })
      .then((reply) => {
        if (!reply.credentials) throw new Error(`the role session could not be refreshed: ${reply.error ?? "no credentials"}`);
        return (held = reply.credentials);
      })
      .finally(() => {
        asked.delete(id);
        refreshing = null;
      });
    return refreshing;
  };
}

if (port) {
  port.on("message", (message: ThreadReadRequest | CredentialsReply) => {
    if (message.type === "credentials") {
      asked.get(message.id)?.(message);
      return;
    }
    const request = message;
    const calls = new ServiceCallCounter();
    const { credentials, ...options } = request.options;
    const reply = (body: Omit<ThreadReadReply, "type" | "id" | "calls">) => port.postMessage({ type: "done", id: request.id, calls: calls.toRecord(), ...body } satisfies ThreadReadReply);
    readAccountResources({ ...options, credentials: credentials ? sessionCredentials(request.id, credentials) : undefined, calls }).then(
      (read) => reply({ read }),
      (error: unknown) => reply({ error: describeAwsError(error) }),
    );
  });
  port.postMessage("ready");
}
