/**
 * AWS SDK v3 clients as the scanner uses them: credentials from the default chain (or given),
 * the standard AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables honoured by the SDK,
 * retries with exponential backoff and full jitter on throttling and 5xx, a timeout per call,
 * and a count of every HTTP attempt for the scan's records.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { STSClient } from "@aws-sdk/client-sts";
import { NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } from "@aws-sdk/core";
import { NODE_APP_ID_CONFIG_OPTIONS } from "@aws-sdk/core/client";
import { loadConfig, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS } from "@smithy/core/config";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

// Vendorscope supports Node 20 (package.json engines); the SDK's notice about its own future
// minimum would only be noise in scan output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export interface AwsSettings {
  region: string;
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Base of the exponential backoff; each retry waits a random time up to base × 2^attempt (capped at 20 s). */
  retryBaseMs: number;
  /** Per-call (per attempt) timeout. */
  callTimeoutMs: number;
}

export const DEFAULT_AWS_SETTINGS: AwsSettings = {
  region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
  maxAttempts: 8,
  retryBaseMs: Number(process.env.VENDORSCOPE_AWS_RETRY_BASE_MS ?? 250),
  callTimeoutMs: 30_000,
};

/** Counts HTTP attempts (retries included) made through the clients it is attached to. */
export class CallCounter {
  count = 0;
}

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;

/**
 * Settings each client would otherwise look up itself in the environment and the shared config
 * files (a scan makes some 25 clients per account): looked up by the SDK's own rules, once per
 * process. The endpoint is not among them: each client still reads AWS_ENDPOINT_URL(_<SERVICE>).
 */
let processWide: ReturnType<typeof lookUpOnce> | null = null;
function lookUpOnce() {
  return {
    useFipsEndpoint: loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS),
    useDualstackEndpoint: loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS),
    userAgentAppId: loadConfig(NODE_APP_ID_CONFIG_OPTIONS),
    authSchemePreference: loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS),
  };
}

function commonConfig(settings: AwsSettings, credentials: Credentials, region = settings.region) {
  return {
    ...(processWide ??= lookUpOnce()),
    region,
    maxAttempts: settings.maxAttempts,
    ...(credentials ? { credentials } : {}),
    retryStrategy: new ConfiguredRetryStrategy(settings.maxAttempts, (attempt: number) =>
      Math.round(Math.random() * Math.min(20_000, settings.retryBaseMs * 2 ** attempt)),
    ),
    requestHandler: sharedHandler(settings.callTimeoutMs),
    // Resolve each command's middleware once per client, not on every call: a scan makes
    // thousands of calls of a few commands per client, and no command of ours adds middleware.
    cacheMiddleware: true,
  };
}

const handlers = new Map<number, NodeHttpHandler>();

/**
 * One connection pool for every client with the same timeout: a scan makes a client per
 * account, service and region, and each would otherwise open its own connections.
 */
function sharedHandler(requestTimeout: number): NodeHttpHandler {
  let handler = handlers.get(requestTimeout);
  if (!handler) {
    // Without throwOnRequestTimeout an exceeded requestTimeout only logs a warning.
    handler = new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout, throwOnRequestTimeout: true, httpsAgent: { keepAlive: true, maxSockets: 256 }, httpAgent: { keepAlive: true, maxSockets: 256 } });
    handlers.set(requestTimeout, handler);
  }
  return handler;
}

interface Countable {
  middlewareStack: { add(middleware: never, options: { step: "deserialize"; name: string }): void };
}

function counted<T extends Countable>(client: T, counter: CallCounter): T {
  const middleware = (next: (args: unknown) => Promise<unknown>) => (args: unknown) => {
    counter.count++;
    return next(args);
  };
  client.middlewareStack.add(middleware as never, { step: "deserialize", name: "vendorscopeCallCounter" });
  return client;
}

export function iamClient(settings: AwsSettings, credentials: Credentials, counter: CallCounter): IAMClient {
  return counted(new IAMClient(commonConfig(settings, credentials)), counter);
}

export function stsClient(settings: AwsSettings, credentials: Credentials, counter: CallCounter): STSClient {
  return counted(new STSClient(commonConfig(settings, credentials)), counter);
}

export function organizationsClient(settings: AwsSettings, credentials: Credentials, counter: CallCounter): OrganizationsClient {
  return counted(new OrganizationsClient(commonConfig(settings, credentials)), counter);
}

/** Counts per service (the scan summary's "API calls per service"). */
export class ServiceCallCounter {
  readonly byService = new Map<string, CallCounter>();

  counter(service: string): CallCounter {
    let counter = this.byService.get(service);
    if (!counter) this.byService.set(service, (counter = new CallCounter()));
    return counter;
  }

  get total(): number {
    let total = 0;
    for (const counter of this.byService.values()) total += counter.count;
    return total;
  }

  /** Service → calls, sorted by service. */
  toRecord(): Record<string, number> {
    return Object.fromEntries([...this.byService].filter(([, c]) => c.count > 0).sort(([a], [b]) => a.localeCompare(b)).map(([service, c]) => [service, c.count]));
  }
}

type ClientConstructor<T> = new (config: ReturnType<typeof commonConfig>) => T;

/** Any SDK client, configured and counted like the others, in the given region. */
export function regionalClient<T extends Countable>(Client: ClientConstructor<T>, settings: AwsSettings, region: string, credentials: Credentials, counter: CallCounter, extra: Record<string, unknown> = {}): T {
  return counted(new Client({ ...commonConfig(settings, credentials, region), ...extra }), counter);
}
