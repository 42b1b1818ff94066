/**
 * Decides, per call, which injected faults apply: hangs, latency, throttling and 5xx
 * answers. `times` counts are per rule and reset by `set`; `rate` draws come from a seeded
 * PRNG so a run is repeatable.
 */
import { AwsApiError } from "./errors";
import { mulberry32 } from "./prng";
import type { FaultMatch, FaultOptions, FaultRule } from "./types";
import type { ErrorCode, ServiceErrors } from "./wire";

export interface CallFacts {
  service: string;
  region: string;
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
  failure(call: CallFacts, errors: ServiceErrors): AwsApiError | null {
    const { throttle, serverErrors, deny } = this.faults;
    if (deny?.some((rule) => matches(rule, call))) return apiError(errors.denied, `User is not authorized to perform ${call.service}:${call.operation}`);
    if (throttle && this.fires(throttle, call, "throttle")) return apiError(errors.throttle, "Rate exceeded");
    if (serverErrors && this.fires(serverErrors, call, "server")) {
      return serverErrors.status === 503
        ? apiError(errors.unavailable, "Service is unavailable. Please try again later.")
        : apiError(errors.serverError, "The request processing has failed because of an unknown error, exception or failure.");
    }
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
  if (rule.service !== undefined && rule.service !== call.service) return false;
  if (rule.region !== undefined && rule.region !== call.region) return false;
  return true;
}

export function apiError([code, status]: ErrorCode, message: string): AwsApiError {
  return new AwsApiError(code, status, message);
}
