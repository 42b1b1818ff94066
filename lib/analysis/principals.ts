import type { PrincipalType } from "./policyDocument";

export type PrincipalKind =
  | "account"
  | "role"
  | "user"
  | "assumed-role"
  | "wildcard"
  | "federated"
  | "unknown-id"
  | "service"
  /** An AWS Organization or OU a RAM share names: every account in it. */
  | "organization";

export interface Principal {
  type: PrincipalType;
  /** As written in the policy. */
  value: string;
  kind: PrincipalKind;
  /** The 12-digit account the principal lives in, when it names one. */
  accountId: string | null;
  /** `aws`, `aws-cn`, `aws-us-gov`, … when the principal is an ARN. */
  partition: string | null;
}

const ARN = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}|\*):(.+)$/i;
const ACCOUNT_ID = /^\d{12}$/;
/** IAM unique ids (roles AROA, users AIDA, …): what a trust policy shows once its principal was deleted. */
const UNIQUE_ID = /^A(ROA|IDA|GPA|IPA|NPA|NVA|SIA|KIA|PKA|SCA|CCA)[A-Z0-9]{12,}$/;

/** Classifies one principal value; null when it is not a principal IAM would accept. */
export function classifyPrincipal(type: PrincipalType, value: string): Principal | null {
  const base = { type, value, accountId: null, partition: null };
  if (value === "*") return { ...base, kind: type === "AWS" || type === "Federated" ? "wildcard" : "service" };
  if (type === "Service") return { ...base, kind: "service" };
  if (type === "CanonicalUser") return { ...base, kind: "unknown-id" };
  if (type === "Federated") {
    const arn = ARN.exec(value);
    if (arn) return { ...base, kind: "federated", accountId: arn[3] === "*" ? null : arn[3]!, partition: arn[1]!.toLowerCase() };
    return { ...base, kind: "federated" };
  }
  if (ACCOUNT_ID.test(value)) return { ...base, kind: "account", accountId: value };
  if (UNIQUE_ID.test(value)) return { ...base, kind: "unknown-id" };
  const arn = ARN.exec(value);
  if (!arn) return null;
  const accountId = arn[3] === "*" ? null : arn[3]!;
  const partition = arn[1]!.toLowerCase();
  const service = arn[2]!.toLowerCase();
  const resource = arn[4]!;
  const withArn = { ...base, accountId, partition };
  if (accountId === null) return { ...withArn, kind: "wildcard" };
  if (resource === "root" || resource === "*") return { ...withArn, kind: "account" };
  if (service === "iam" && resource.startsWith("role/")) return { ...withArn, kind: "role" };
  if (service === "iam" && resource.startsWith("user/")) return { ...withArn, kind: "user" };
  if (service === "sts" && resource.startsWith("assumed-role/")) return { ...withArn, kind: "assumed-role" };
  if (service === "sts" && resource.startsWith("federated-user/")) return { ...withArn, kind: "user" };
  return null;
}

/**
 * One spelling per principal, so that statements naming it differently merge: an account is
 * always its root ARN (a bare 12-digit id means the role's own partition), an ARN's
 * `arn:partition:service::` part is lower case, a provider host is lower case. Role and user
 * names keep their case (IAM compares them ignoring it: callers key by the lower-cased value).
 */
export function canonicalPrincipal(principal: Principal, partition: string): Principal {
  if (principal.kind === "account" && principal.accountId) {
    const inPartition = principal.partition ?? partition;
    return { ...principal, value: accountRootArn(principal.accountId, inPartition), partition: inPartition };
  }
  const arn = ARN.exec(principal.value);
  if (arn) return { ...principal, value: `arn:${arn[1]!.toLowerCase()}:${arn[2]!.toLowerCase()}::${arn[3]}:${arn[4]}` };
  if (principal.type === "Federated" || principal.type === "Service") return { ...principal, value: principal.value.toLowerCase() };
  return principal;
}

export function accountRootArn(accountId: string, partition = "aws"): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** The partition of an ARN (`arn:aws-cn:…` → `aws-cn`), or null. */
export function arnPartition(arn: string): string | null {
  const m = /^arn:(aws[a-z-]*):/i.exec(arn);
  return m ? m[1]!.toLowerCase() : null;
}

/** The account id inside an ARN, or null when the ARN has none or a wildcard there. */
export function arnAccountId(arn: string): string | null {
  const m = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn);
  return m ? m[1]! : null;
}
