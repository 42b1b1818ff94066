/**
 * The fake AWS HTTP server: routes each request to IAM, STS or Organizations by its signing
 * scope, resolves the calling account from the access key, records the call, applies the
 * injected faults (hang, throttling, 5xx, latency — all with timers, never blocking) and
 * answers in the service's wire protocol.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServiceContext } from "./context";
import { CredentialReports } from "./credentialReport";
import { CredentialStore } from "./credentials";
import { DetailsSnapshots } from "./detailsSnapshots";
import { AccountDirectory } from "./directory";
import { AwsApiError } from "./errors";
import { FaultInjector } from "./faults";
import { handleIam } from "./iam";
import { JSON_CONTENT_TYPE, jsonErrorBody, ORGANIZATIONS_TARGET_PREFIX } from "./jsonProtocol";
import { handleOrganizations } from "./organizations";
import { queryErrorResponse, queryResponse } from "./queryProtocol";
import { type AwsRequest, readAwsRequest } from "./request";
import { assumeRoleTarget, handleSts } from "./sts";
import type { FakeAws, FaultOptions, RecordedCall, ServiceName, StartFakeAwsOptions } from "./types";

type Handler = (ctx: ServiceContext, operation: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;
const HANDLERS: Record<ServiceName, Handler> = { iam: handleIam, sts: handleSts, organizations: handleOrganizations };

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

export async function startFakeAws(options: StartFakeAwsOptions): Promise<FakeAws> {
  const directory = new AccountDirectory(options.organization, options.standaloneAccount);
  const credentials = new CredentialStore(directory.baseAccountId);
  const faults = new FaultInjector(options.faults ?? {});
  const reports = new CredentialReports();
  const snapshots = new DetailsSnapshots();
  const calls: RecordedCall[] = [];
  const sleeper = new Sleeper();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const requestId = randomUUID();
    const request = await readAwsRequest(req);
    const { service, operation, params } = request;
    const resolved = request.scope ? credentials.resolve(request.scope.accessKeyId) : null;
    const call: RecordedCall = { service, operation, accountId: resolved?.caller.accountId ?? null, params, status: 0, at };
    calls.push(call);

    const targetAccount = service === "sts" && operation === "AssumeRole" ? assumeRoleTarget(params) : undefined;
    const facts = { service, operation, accountIds: [resolved?.caller.accountId, targetAccount].filter((id): id is string => id !== undefined) };
    const refusal = request.parseError ?? admissionError(request, resolved) ?? faults.failure(facts);

    await sleeper.sleep(faults.hangMs(facts));
    let reply: Reply;
    if (refusal || !resolved) {
      reply = errorReply(service, refusal ?? missingAuthentication(service), requestId);
    } else {
      const ctx: ServiceContext = { directory, faults: faults.options, caller: resolved.caller, credentials, reports, snapshots };
      try {
        reply = successReply(service, operation, await HANDLERS[service](ctx, operation, params), requestId);
      } catch (error) {
        reply = errorReply(service, asApiError(error), requestId);
      }
    }
    await sleeper.sleep(faults.latencyMs());

    call.status = reply.status;
    if (res.destroyed || sleeper.isStopped) return;
    res.writeHead(reply.status, {
      "Content-Type": reply.contentType,
      "Content-Length": Buffer.byteLength(reply.body),
      "x-amzn-RequestId": requestId,
    });
    res.end(reply.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String(error));
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port ?? 0, host: "127.0.0.1", backlog: 1024 }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    port,
    calls,
    callsFor: (accountId) => calls.filter((c) => c.accountId === accountId),
    setFaults: (next: FaultOptions) => faults.set(next),
    managementCredentials: credentials.management,
    env: () => ({
      AWS_ENDPOINT_URL: url,
      AWS_ENDPOINT_URL_IAM: url,
      AWS_ENDPOINT_URL_STS: url,
      AWS_ENDPOINT_URL_ORGANIZATIONS: url,
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "false",
      AWS_ACCESS_KEY_ID: credentials.management.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.management.secretAccessKey,
      AWS_SESSION_TOKEN: "",
      AWS_PROFILE: "",
      AWS_REGION: "us-east-1",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_USE_FIPS_ENDPOINT: "false",
      AWS_USE_DUALSTACK_ENDPOINT: "false",
    }),
    stop: () => {
      sleeper.stop();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Why the request is refused before it reaches the service, if it is. */
function admissionError(request: AwsRequest, resolved: ReturnType<CredentialStore["resolve"]> | null): AwsApiError | null {
  const json = request.service === "organizations";
  if (request.foreignService) {
    return new AwsApiError(json ? "UnknownOperationException" : "InvalidAction", 400, `The fake AWS does not serve the service "${request.foreignService}".`);
  }
  if (!resolved) return missingAuthentication(request.service);
  if (resolved.sessionToken !== undefined && resolved.sessionToken !== request.sessionToken) {
    return json
      ? new AwsApiError("UnrecognizedClientException", 400, "The security token included in the request is invalid.")
      : new AwsApiError("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
  }
  if (json && !request.target?.startsWith(ORGANIZATIONS_TARGET_PREFIX)) {
    return new AwsApiError("UnknownOperationException", 400, `Unknown operation target ${request.target ?? "(none)"}`);
  }
  return null;
}

function missingAuthentication(service: ServiceName): AwsApiError {
  return service === "organizations"
    ? new AwsApiError("MissingAuthenticationTokenException", 403, "Missing Authentication Token")
    : new AwsApiError("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
}

function successReply(service: ServiceName, operation: string, result: Record<string, unknown>, requestId: string): Reply {
  if (service === "organizations") return { status: 200, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(result) };
  return { status: 200, contentType: "text/xml", body: queryResponse(service, operation, result, requestId) };
}

function errorReply(service: ServiceName, error: AwsApiError, requestId: string): Reply {
  if (service === "organizations") return { status: error.status, contentType: JSON_CONTENT_TYPE, body: jsonErrorBody(error) };
  return { status: error.status, contentType: "text/xml", body: queryErrorResponse(service, error, requestId) };
}

function asApiError(error: unknown): AwsApiError {
  if (error instanceof AwsApiError) return error;
  return new AwsApiError("InternalFailure", 500, `fake AWS internal error: ${error instanceof Error ? error.message : String(error)}`);
}

/** Timers that resolve early, all at once, when the server stops. */
class Sleeper {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Waits `ms` with a timer (0 = not at all). */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, resolve);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
  }
}
