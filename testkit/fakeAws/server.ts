/**
 * The fake AWS HTTP server: routes each request to its service (services.ts) by its signing
 * scope, resolves the calling account from the access key, records the call, applies the
 * injected faults (hang, throttling, 5xx, latency — all with timers, never blocking) and
 * answers in the service's wire protocol.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_ENABLED_REGIONS, ResourceStore, type ServiceContext } from "./context";
import { CredentialReports } from "./credentialReport";
import { CredentialStore } from "./credentials";
import { DetailsSnapshots } from "./detailsSnapshots";
import { AccountDirectory } from "./directory";
import { AwsApiError } from "./errors";
import { apiError, FaultInjector } from "./faults";
import { awsQueryProtocol } from "./queryProtocol";
import { type AwsRequest, readAwsRequest } from "./request";
import { SERVICES } from "./services";
import { assumeRoleTarget } from "./sts";
import { type FakeAws, type FaultOptions, type RecordedCall, type StartFakeAwsOptions } from "./types";
import type { Protocol, Reply, ServiceDefinition } from "./wire";

/** The SDK's service ids as its per-service endpoint variables spell them. */
const SDK_SERVICE_IDS = ["IAM", "STS", "ORGANIZATIONS", "S3", "KMS", "SQS", "SNS", "LAMBDA", "SECRETS_MANAGER", "ECR", "EC2", "RDS", "RAM", "ACCESSANALYZER"];

export async function startFakeAws(options: StartFakeAwsOptions): Promise<FakeAws> {
  const directory = new AccountDirectory(options.organization, options.standaloneAccount);
  const credentials = new CredentialStore(directory.baseAccountId);
  const faults = new FaultInjector(options.faults ?? {});
  const reports = new CredentialReports();
  const snapshots = new DetailsSnapshots();
  const calls: RecordedCall[] = [];
  const sleeper = new Sleeper();

  const resources = new ResourceStore();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const requestId = randomUUID();
    const request = await readAwsRequest(req);
    const definition = request.service ? SERVICES[request.service] : null;
    const protocol: Protocol = definition?.protocol ?? awsQueryProtocol("iam");
    let operation = "";
    let params: Record<string, unknown> = {};
    let refusal: AwsApiError | null = null;
    try {
      ({ operation, params } = protocol.read(request.http));
    } catch (error) {
      refusal = asApiError(error);
    }
    if (!definition) operation = `${request.signingName}:${operation}`;
    const resolved = request.scope ? credentials.resolve(request.scope.accessKeyId) : null;
    const call: RecordedCall = { service: request.service ?? "iam", region: request.region, operation, accountId: resolved?.caller.accountId ?? null, params, status: 0, at };
    calls.push(call);

    const targetAccount = request.service === "sts" && operation === "AssumeRole" ? assumeRoleTarget(params) : undefined;
    const facts = { service: request.signingName, region: request.region, operation, accountIds: [resolved?.caller.accountId, targetAccount].filter((id): id is string => id !== undefined) };
    await sleeper.sleep(faults.hangMs(facts));
    let reply: Reply;
    if (!definition) {
      reply = protocol.error(new AwsApiError("InvalidAction", 400, `The fake AWS does not serve the service "${request.signingName}".`), requestId);
    } else {
      refusal ??= admissionError(request, definition, resolved, directory) ?? faults.failure(facts, definition.errors);
      if (refusal || !resolved) {
        reply = definition.protocol.error(refusal ?? missingAuthentication(definition), requestId);
      } else {
        const ctx: ServiceContext = { directory, faults: faults.options, caller: resolved.caller, region: request.region, credentials, reports, snapshots, resources };
        try {
          reply = definition.protocol.reply(operation, await definition.handle(ctx, operation, params), requestId);
        } catch (error) {
          reply = definition.protocol.error(asApiError(error), requestId);
        }
      }
    }
    await sleeper.sleep(faults.latencyMs());

    call.status = reply.status;
    if (res.destroyed || sleeper.isStopped) return;
    res.writeHead(reply.status, {
      ...reply.headers,
      "Content-Type": reply.contentType,
      "Content-Length": Buffer.byteLength(reply.body),
      "x-amzn-RequestId": requestId,
      "x-amz-request-id": requestId,
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
      ...Object.fromEntries(SDK_SERVICE_IDS.map((id) => [`AWS_ENDPOINT_URL_${id}`, url])),
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
function admissionError(request: AwsRequest, definition: ServiceDefinition, resolved: ReturnType<CredentialStore["resolve"]> | null, directory: AccountDirectory): AwsApiError | null {
  if (request.tooLarge) return new AwsApiError("RequestEntityTooLarge", 413, "Request body is too large.");
  if (!resolved) return missingAuthentication(definition);
  if (resolved.sessionToken !== undefined && resolved.sessionToken !== request.sessionToken) {
    return apiError(definition.errors.invalidToken, "The security token included in the request is invalid.");
  }
  if (definition.regional) {
    const enabled = directory.get(resolved.caller.accountId)?.enabledRegions ?? DEFAULT_ENABLED_REGIONS;
    // What AWS answers in an opt-in region the account has not enabled.
    if (!enabled.includes(request.region)) return apiError(definition.errors.invalidToken, "The security token included in the request is invalid.");
  }
  return null;
}

function missingAuthentication(definition: ServiceDefinition): AwsApiError {
  return definition === SERVICES.organizations
    ? new AwsApiError("MissingAuthenticationTokenException", 403, "Missing Authentication Token")
    : new AwsApiError("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
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
