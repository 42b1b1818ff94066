/**
 * IAM policy documents, normalised: every list-or-scalar field becomes a list, condition
 * values become strings, and the three wire forms (object, JSON text, URL-encoded JSON text)
 * are accepted alike.
 */
import { excessiveNesting, nestingMessage } from "./jsonNesting";

/** Far above IAM's own limits (10,240 characters for an inline role policy); anything
 * larger is not a real policy and is refused before it is parsed. */
export const MAX_POLICY_DOCUMENT_CHARS = 128 * 1024;

export type PrincipalType = "AWS" | "Federated" | "Service" | "CanonicalUser";
export const PRINCIPAL_TYPES: readonly PrincipalType[] = ["AWS", "Federated", "Service", "CanonicalUser"];

/** `"*"` or a map of principal type to values. */
export type PrincipalBlock = "*" | Partial<Record<PrincipalType, string[]>>;

/** operator (as written, e.g. `StringEquals`, `ForAnyValue:StringLike`) → condition key → values */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface Statement {
  /** Position in the document's Statement list, for pointing at it in the UI. */
  index: number;
  sid: string | null;
  effect: "Allow" | "Deny";
  principal: PrincipalBlock | null;
  notPrincipal: PrincipalBlock | null;
  action: string[] | null;
  notAction: string[] | null;
  resource: string[] | null;
  notResource: string[] | null;
  condition: ConditionBlock | null;
}

export interface PolicyDocument {
  version: string | null;
  statements: Statement[];
}

export class PolicyError extends Error {
  override name = "PolicyError";
}

/** Object, JSON text or URL-encoded JSON text → the JSON value, with the text it came from. */
export function decodePolicyText(raw: unknown): { value: unknown; text: string } {
  if (raw !== null && typeof raw === "object") {
    const text = JSON.stringify(raw);
    checkSize(text.length);
    return { value: raw, text };
  }
  if (typeof raw !== "string") throw new PolicyError(`policy document is ${describeType(raw)}, not an object or JSON text`);
  checkSize(raw.length);
  let text = raw.trim();
  if (!text.startsWith("{") && /^%7b/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      throw new PolicyError("policy document is not valid URL-encoded text");
    }
  }
  const deep = excessiveNesting(text);
  if (deep !== -1) throw new PolicyError(`policy document is ${nestingMessage(deep)}`);
  try {
    return { value: JSON.parse(text), text };
  } catch (error) {
    throw new PolicyError(`policy document is not valid JSON: ${(error as Error).message}`);
  }
}

export function parsePolicyDocument(raw: unknown): PolicyDocument {
  return normalisePolicy(decodePolicyText(raw).value);
}

export function normalisePolicy(value: unknown): PolicyDocument {
  if (!isRecord(value)) throw new PolicyError(`policy document is ${describeType(value)}, not an object`);
  const version = value.Version;
  if (version !== undefined && typeof version !== "string") throw new PolicyError("Version is not a string");
  const raw = value.Statement;
  if (raw === undefined) throw new PolicyError("policy document has no Statement");
  const list = Array.isArray(raw) ? raw : [raw];
  return { version: version ?? null, statements: list.map((s, i) => normaliseStatement(s, i)) };
}

function normaliseStatement(value: unknown, index: number): Statement {
  const where = `Statement[${index}]`;
  if (!isRecord(value)) throw new PolicyError(`${where} is ${describeType(value)}, not an object`);
  const effect = value.Effect;
  if (effect !== "Allow" && effect !== "Deny") throw new PolicyError(`${where}.Effect must be "Allow" or "Deny", got ${JSON.stringify(effect) ?? "nothing"}`);
  const statement: Statement = {
    index,
    sid: typeof value.Sid === "string" ? value.Sid : null,
    effect,
    principal: optionalPrincipal(value.Principal, `${where}.Principal`),
    notPrincipal: optionalPrincipal(value.NotPrincipal, `${where}.NotPrincipal`),
    action: optionalStrings(value.Action, `${where}.Action`),
    notAction: optionalStrings(value.NotAction, `${where}.NotAction`),
    resource: optionalStrings(value.Resource, `${where}.Resource`),
    notResource: optionalStrings(value.NotResource, `${where}.NotResource`),
    condition: optionalCondition(value.Condition, `${where}.Condition`),
  };
  if ((statement.action === null) === (statement.notAction === null)) {
    throw new PolicyError(`${where} must have exactly one of Action and NotAction`);
  }
  if (statement.principal !== null && statement.notPrincipal !== null) {
    throw new PolicyError(`${where} has both Principal and NotPrincipal`);
  }
  return statement;
}

function optionalStrings(value: unknown, where: string): string[] | null {
  if (value === undefined) return null;
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (typeof item !== "string") throw new PolicyError(`${where} holds ${describeType(item)}, not a string`);
  }
  return list as string[];
}

function optionalPrincipal(value: unknown, where: string): PrincipalBlock | null {
  if (value === undefined) return null;
  if (value === "*") return "*";
  if (!isRecord(value)) throw new PolicyError(`${where} must be "*" or an object`);
  const block: Partial<Record<PrincipalType, string[]>> = {};
  for (const [type, values] of Object.entries(value)) {
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(type)) throw new PolicyError(`${where} has unknown principal type "${type}"`);
    block[type as PrincipalType] = optionalStrings(values, `${where}.${type}`) ?? [];
  }
  return block;
}

function optionalCondition(value: unknown, where: string): ConditionBlock | null {
  if (value === undefined) return null;
  if (!isRecord(value)) throw new PolicyError(`${where} must be an object`);
  const block: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isRecord(keys)) throw new PolicyError(`${where}.${operator} must be an object of condition keys`);
    const entries: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(keys)) {
      const list = Array.isArray(values) ? values : [values];
      entries[key] = list.map((v) => {
        if (typeof v === "string") return v;
        if (typeof v === "number" || typeof v === "boolean") return String(v);
        throw new PolicyError(`${where}.${operator}.${key} holds ${describeType(v)}, not a string`);
      });
    }
    block[operator] = entries;
  }
  return Object.keys(block).length > 0 ? block : null;
}

function checkSize(length: number): void {
  if (length > MAX_POLICY_DOCUMENT_CHARS) {
    throw new PolicyError(`policy document is ${length.toLocaleString("en-US")} characters, over the ${MAX_POLICY_DOCUMENT_CHARS.toLocaleString("en-US")} limit`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** The condition keys a Condition block tests (`kms:ViaService`, …), each once, as written. */
export function conditionKeys(block: unknown): string[] {
  if (!isRecord(block)) return [];
  return [...new Set(Object.values(block).flatMap((byKey) => (isRecord(byKey) ? Object.keys(byKey) : [])))];
}
