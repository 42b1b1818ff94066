/**
 * The organization's guardrails as input: its service control policies (SCPs) and resource
 * control policies (RCPs), where each is attached, and where each account sits in the tree.
 * Read from a live scan, or from the outputs of the AWS CLI commands that show them
 * (`aws organizations describe-policy`, `list-policies`, `list-targets-for-policy`,
 * `list-parents`), each recognised by its content. Two of those outputs do not name their
 * subject, so its id is taken from the file's name (`p-abc123.targets.json`,
 * `ou-ab12-cd34ef56.parents.json`), as docs/analysis.md shows how to write them.
 */
import { isRecord } from "../policyDocument";

export type GuardrailType = "scp" | "rcp";

const TYPES: Record<string, GuardrailType> = { SERVICE_CONTROL_POLICY: "scp", RESOURCE_CONTROL_POLICY: "rcp" };

export interface OrganizationPolicy {
  id: string;
  name: string;
  type: GuardrailType;
  /** The policy document as Organizations returns it (JSON text), or null when only its summary was read. */
  content: string | null;
}

export interface GuardrailInput {
  policies: Map<string, OrganizationPolicy>;
  /** Policy id → the roots, OUs and accounts it is attached to. */
  targets: Map<string, Set<string>>;
  /** Child (account or OU) → its parent (OU or root). */
  parents: Map<string, string>;
  /** Root, OU and account ids → names, where the input gives them. */
  names: Map<string, string>;
}

export function emptyGuardrailInput(): GuardrailInput {
  return { policies: new Map(), targets: new Map(), parents: new Map(), names: new Map() };
}

export class GuardrailInputError extends Error {
  override name = "GuardrailInputError";
}

const POLICY_ID = /\b(p-[0-9A-Za-z_]{4,128})\b/;
const CHILD_ID = /\b(\d{12}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32})\b/;

/** Whether a parsed JSON document is one of the Organizations outputs read here. */
export function isOrganizationPolicyOutput(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  if (isRecord(value.Policy) && isRecord(value.Policy.PolicySummary)) return true;
  if (Array.isArray(value.Policies) && value.Policies.every((p) => isRecord(p) && typeof p.Type === "string" && typeof p.Id === "string")) return true;
  if (Array.isArray(value.Targets) && value.Targets.every((t) => isRecord(t) && typeof t.TargetId === "string")) return true;
  return Array.isArray(value.Parents) && value.Parents.every((p) => isRecord(p) && typeof p.Id === "string");
}

/** Adds one output to the input; throws GuardrailInputError when it cannot be placed. */
export function addOrganizationPolicyOutput(input: GuardrailInput, source: string, value: Record<string, unknown>): void {
  const file = source.split(/[\\/]/).pop() ?? source;
  if (isRecord(value.Policy)) {
    const summary = value.Policy.PolicySummary as Record<string, unknown>;
    const policy = policyFrom(summary, typeof value.Policy.Content === "string" ? value.Policy.Content : null);
    if (!policy) throw new GuardrailInputError("describe-policy output without a policy Id, or of a type other than SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY");
    if (policy.content === null) throw new GuardrailInputError(`describe-policy output for ${policy.id} has no Content`);
    input.policies.set(policy.id, policy);
    if (Array.isArray(value.Targets)) addTargets(input, policy.id, value.Targets);
    return;
  }
  if (Array.isArray(value.Policies)) {
    for (const summary of value.Policies as Record<string, unknown>[]) {
      const policy = policyFrom(summary, null);
      if (policy && !input.policies.has(policy.id)) input.policies.set(policy.id, policy);
    }
    return;
  }
  if (Array.isArray(value.Targets)) {
    const id = typeof value.PolicyId === "string" ? value.PolicyId : POLICY_ID.exec(file)?.[1];
    if (!id) throw new GuardrailInputError("list-targets-for-policy output, but the file name does not say which policy (name it after the policy id, e.g. p-abc12345.targets.json)");
    addTargets(input, id, value.Targets);
    return;
  }
  const child = typeof value.ChildId === "string" ? value.ChildId : CHILD_ID.exec(file)?.[1];
  if (!child) throw new GuardrailInputError("list-parents output, but the file name does not say whose parents (name it after the account or OU id, e.g. 111122223333.parents.json)");
  const parent = (value.Parents as Record<string, unknown>[])[0];
  if (parent && typeof parent.Id === "string") input.parents.set(child, parent.Id);
}

function policyFrom(summary: Record<string, unknown>, content: string | null): OrganizationPolicy | null {
  const type = typeof summary.Type === "string" ? TYPES[summary.Type] : undefined;
  if (typeof summary.Id !== "string" || !type) return null;
  return { id: summary.Id, name: typeof summary.Name === "string" ? summary.Name : summary.Id, type, content };
}

function addTargets(input: GuardrailInput, policyId: string, targets: unknown[]): void {
  let set = input.targets.get(policyId);
  if (!set) input.targets.set(policyId, (set = new Set()));
  for (const t of targets) {
    if (!isRecord(t) || typeof t.TargetId !== "string") continue;
    set.add(t.TargetId);
    if (typeof t.Name === "string") input.names.set(t.TargetId, t.Name);
  }
}

/** Several inputs (a scan's, or many files) as one. */
export function mergeGuardrailInputs(parts: readonly GuardrailInput[]): GuardrailInput {
  const out = emptyGuardrailInput();
  for (const part of parts) {
    for (const [id, policy] of part.policies) if (policy.content !== null || !out.policies.has(id)) out.policies.set(id, policy);
    for (const [id, targets] of part.targets) addTargets(out, id, [...targets].map((TargetId) => ({ TargetId })));
    for (const [child, parent] of part.parents) out.parents.set(child, parent);
    for (const [id, name] of part.names) out.names.set(id, name);
  }
  return out;
}

/** The input as JSON (what the database keeps of the last read), and back. */
export interface GuardrailInputJson {
  policies: OrganizationPolicy[];
  targets: Record<string, string[]>;
  parents: Record<string, string>;
  names: Record<string, string>;
}

export function guardrailInputToJson(input: GuardrailInput): GuardrailInputJson {
  return {
    policies: [...input.policies.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    targets: Object.fromEntries([...input.targets].map(([id, set]) => [id, [...set].sort()])),
    parents: Object.fromEntries(input.parents),
    names: Object.fromEntries(input.names),
  };
}

export function guardrailInputFromJson(value: unknown): GuardrailInput | null {
  if (!isRecord(value) || !Array.isArray(value.policies)) return null;
  const input = emptyGuardrailInput();
  for (const p of value.policies) {
    if (isRecord(p) && typeof p.id === "string" && typeof p.name === "string" && (p.type === "scp" || p.type === "rcp")) {
      input.policies.set(p.id, { id: p.id, name: p.name, type: p.type, content: typeof p.content === "string" ? p.content : null });
    }
  }
  const strings = (v: unknown) => (isRecord(v) ? Object.entries(v) : []);
  for (const [id, list] of strings(value.targets)) if (Array.isArray(list)) input.targets.set(id, new Set(list.filter((t): t is string => typeof t === "string")));
  for (const [child, parent] of strings(value.parents)) if (typeof parent === "string") input.parents.set(child, parent);
  for (const [id, name] of strings(value.names)) if (typeof name === "string") input.names.set(id, name);
  return input;
}

export function isEmptyGuardrailInput(input: GuardrailInput): boolean {
  return input.policies.size === 0 && input.targets.size === 0;
}
