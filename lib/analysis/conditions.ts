/**
 * Reading IAM Condition blocks for what they *require* of a request. Only conditions that
 * cannot be satisfied without the key count: `…IfExists` operators and `ForAllValues:`
 * pass when the key is absent, so they bind nothing.
 */
import type { ConditionBlock, Statement } from "./policyDocument";
import { hasWildcard } from "./wildcard";

export interface Requirement {
  /** Condition key, lower-cased (`sts:externalid`). */
  key: string;
  /** Values the key must match; empty when only its presence is required. */
  values: string[];
  /** Values are wildcard patterns (`StringLike`, `ArnLike`). */
  like: boolean;
}

const POSITIVE = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);
const NEGATED = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike"]);

interface ParsedOperator {
  base: string;
  ifExists: boolean;
  set: "foranyvalue" | "forallvalues" | null;
}

function parseOperator(operator: string): ParsedOperator {
  let text = operator.toLowerCase();
  let set: ParsedOperator["set"] = null;
  const colon = text.indexOf(":");
  if (colon >= 0) {
    const prefix = text.slice(0, colon);
    if (prefix === "foranyvalue" || prefix === "forallvalues") set = prefix;
    text = text.slice(colon + 1);
  }
  const ifExists = text.endsWith("ifexists");
  return { base: ifExists ? text.slice(0, -"ifexists".length) : text, ifExists, set };
}

/**
 * What an Allow statement's Condition requires of every request it grants. A key is bound by
 * a positive operator that fails without it, or by `Null: false` (the key must be present) —
 * which alone checks presence only, and together with an `…IfExists` or `ForAllValues:`
 * condition on the same key binds the key to that condition's values.
 */
export function allowRequirements(condition: ConditionBlock | null): Requirement[] {
  const out: Requirement[] = [];
  const present = new Set<string>();
  const whenPresent: Requirement[] = [];
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    const op = parseOperator(operator);
    if (op.base === "null" && !op.ifExists && op.set === null) {
      for (const [key, values] of Object.entries(keys)) if (values.length > 0 && values.every((v) => v.toLowerCase() === "false")) present.add(key.toLowerCase());
      continue;
    }
    if (!POSITIVE.has(op.base)) continue;
    const binds = !op.ifExists && op.set !== "forallvalues";
    for (const [key, values] of Object.entries(keys)) {
      (binds ? out : whenPresent).push({ key: key.toLowerCase(), values, like: op.base.endsWith("like") });
    }
  }
  for (const key of present) {
    const conditional = whenPresent.filter((r) => r.key === key);
    if (conditional.length > 0) out.push(...conditional);
    else if (!out.some((r) => r.key === key)) out.push({ key, values: [], like: false });
  }
  return out;
}

/**
 * A Deny whose only condition is "key is not one of these values" (or "key is absent")
 * acts as a requirement on every request it covers. Anything else is an ordinary
 * conditional Deny and requires nothing (returns null).
 */
export function denyRequirement(statement: Statement): Requirement | null {
  const entries = Object.entries(statement.condition ?? {}).flatMap(([operator, keys]) =>
    Object.entries(keys).map(([key, values]) => ({ op: parseOperator(operator), key, values })),
  );
  if (entries.length !== 1) return null;
  const { op, key, values } = entries[0]!;
  if (op.set !== null) return null;
  if (op.base === "null" && !op.ifExists && values.every((v) => v.toLowerCase() === "true")) {
    return { key: key.toLowerCase(), values: [], like: false };
  }
  if (NEGATED.has(op.base)) return { key: key.toLowerCase(), values, like: op.base.endsWith("like") };
  return null;
}

export function requirementsOn(requirements: readonly Requirement[], key: string): Requirement[] {
  const k = key.toLowerCase();
  return requirements.filter((r) => r.key === k);
}

/**
 * The values a key is pinned to without wildcards, or null when it is not pinned. Several
 * such requirements (an Allow's condition and a Deny's "unless") must all hold: the values
 * they have in common.
 */
export function concreteValues(requirements: readonly Requirement[], key: string): string[] | null {
  let values: string[] | null = null;
  for (const r of requirementsOn(requirements, key)) {
    if (r.values.length === 0 || (r.like && r.values.some(hasWildcard))) continue;
    values = values === null ? [...r.values] : values.filter((v) => r.values.includes(v));
  }
  return values;
}
