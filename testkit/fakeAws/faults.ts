/**
 * Decides, per call, which injected faults apply: hangs, latency, throttling and 5xx
 * answers. `times` counts are per rule and reset by `set`; `rate` draws come from a seeded
 * PRNG so a run is repeatable.
 */
import { AwsApiError } from "./errors";
import { mulberry32 } from "./prng";
import type { FaultMatch, FaultOptions, FaultRule, ServiceName } from "./types";

export interface CallFacts {
  service: ServiceName;
  operation: string;
  /** The calling account and, for AssumeRole, the target account. */
  accountIds: string[];
}

export class FaultInjector {
  private faults: FaultOptions = {};
  private injected = { throttle: 0, server: 0, hang: 0 };
  private random: () => number = mulberry32(1);

  constructor(faults: FaultOptions = {}) {
    this.set(faults);
  }

  get options(): FaultOptions {
    return this.faults;
  }

  set(faults: FaultOptions): void {
    this.faults = { ...faults };
    this.injected = { throttle: 0, server: 0, hang: 0 };
    this.random = mulberry32(faults.seed ?? 1);
  }

  /** Latency added to every response. */
  latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  /** How long to hold this call before answering (0 = not at all). */
  hangMs(call: CallFacts): number {
    const { hangMs } = this.faults;
    if (!hangMs || !matches(hangMs, call) || (hangMs.times !== undefined && this.injected.hang >= hangMs.times)) return 0;
    this.injected.hang++;
    return hangMs.ms;
  }

  /** The error to answer instead of running the operation, if any (consumes `times` and PRNG draws). */
  failure(call: CallFacts): AwsApiError | null {
    const { throttle, serverErrors } = this.faults;
    if (throttle && this.fires(throttle, call, "throttle")) return throttleError(call.service);
    if (serverErrors && this.fires(serverErrors, call, "server")) return serverError(call.service, serverErrors.status ?? 500);
    return null;
  }

  private fires(rule: FaultRule, call: CallFacts, counter: "throttle" | "server"): boolean {
    if (!matches(rule, call)) return false;
    if (rule.times !== undefined && this.injected[counter] >= rule.times) return false;
    if (rule.rate !== undefined && this.random() >= rule.rate) return false;
    this.injected[counter]++;
    return true;
  }
}

function matches(rule: FaultMatch, call: CallFacts): boolean {
  if (rule.operation !== undefined && rule.operation !== call.operation) return false;
  if (rule.accountId !== undefined && !call.accountIds.includes(rule.accountId)) return false;
  return true;
}

export function throttleError(service: ServiceName): AwsApiError {
  return service === "organizations"
    ? new AwsApiError("TooManyRequestsException", 400, "Rate exceeded")
    : new AwsApiError("Throttling", 400, "Rate exceeded");
}

/** The 5xx each service answers: IAM's modelled ServiceFailure, STS's InternalFailure, Organizations' ServiceException. */
export function serverError(service: ServiceName, status: 500 | 503): AwsApiError {
  if (status === 503) {
    return service === "organizations"
      ? new AwsApiError("ServiceUnavailableException", 503, "Service is unavailable. Please try again later.")
      : new AwsApiError("ServiceUnavailable", 503, "Service is unavailable. Please try again later.");
  }
  if (service === "iam") return new AwsApiError("ServiceFailure", 500, "The request processing has failed because of an unknown error, exception or failure.");
  if (service === "sts") return new AwsApiError("InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure.");
  return new AwsApiError("ServiceException", 500, "AWS Organizations can't complete your request because of an internal service error. Try again later.");
}
