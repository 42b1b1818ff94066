/**
 * Deciding a guardrail's Condition block from what we know of the requests it would cover.
 * Some keys have known values (the role's own ARN), some are known to be absent (a vendor's
 * call carries no aws:SourceAccount), some are known only to differ from given values (a
 * vendor's aws:PrincipalOrgID is not ours) or to start with a known prefix (a caller
 * somewhere in account X), and the rest are unknown (aws:SourceIp). A block is then true,
 * false, or unknown, by IAM's rules: operators and keys are ANDed, a key's values ORed (NORed
 * for negated operators), a missing key fails positive operators and passes negated ones,
 * `…IfExists` and `ForAllValues:` pass it, `Null` tests it.
 */
import type { ConditionBlock } from "../policyDocument";

export type Truth = true | false | "unknown";

export type KeyFact =
  | { kind: "values"; values: readonly string[] }
  | { kind: "absent" }
  /** Present, and none of these values. */
  | { kind: "none-of"; values: readonly string[] }
  /** Present, an ARN starting with this prefix (`arn:aws:iam::111122223333:`). */
  | { kind: "prefix"; prefix: string };

/** Condition key, lower-cased → what is known of it; undefined when unknown. */
export interface RequestFacts {
  get(key: string): KeyFact | undefined;
}

const NEGATED = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike"]);
const POSITIVE = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "bool"]);

export function evaluateCondition(block: ConditionBlock | null, facts: RequestFacts): Truth {
  let result: Truth = true;
  for (const [operator, keys] of Object.entries(block ?? {})) {
    for (const [key, values] of Object.entries(keys)) {
      const truth = evaluateEntry(operator, facts.get(key.toLowerCase()), values);
      if (truth === false) return false;
      if (truth === "unknown") result = "unknown";
    }
  }
  return result;
}

/** The keys of a block whose value we could not decide from the facts. */
export function undecidedKeys(block: ConditionBlock | null, facts: RequestFacts): string[] {
  const out = new Set<string>();
  for (const [operator, keys] of Object.entries(block ?? {})) {
    for (const [key, values] of Object.entries(keys)) if (evaluateEntry(operator, facts.get(key.toLowerCase()), values) === "unknown") out.add(key);
  }
  return [...out];
}

function evaluateEntry(operator: string, fact: KeyFact | undefined, policyValues: readonly string[]): Truth {
  let op = operator.toLowerCase();
  let set: "any" | "all" | null = null;
  if (op.startsWith("foranyvalue:")) [set, op] = ["any", op.slice("foranyvalue:".length)];
  else if (op.startsWith("forallvalues:")) [set, op] = ["all", op.slice("forallvalues:".length)];
  const ifExists = op.endsWith("ifexists");
  if (ifExists) op = op.slice(0, -"ifexists".length);

  if (op === "null") {
    if (!fact) return "unknown";
    const present = fact.kind !== "absent";
    // Null: true means "the key is absent"; several values are ORed.
    return policyValues.some((v) => (v.toLowerCase() === "true") === !present);
  }
  if (fact?.kind === "absent") {
    if (ifExists || set === "all") return true;
    if (set === "any") return false;
    return NEGATED.has(op);
  }
  const negated = NEGATED.has(op);
  if (!fact || (!negated && !POSITIVE.has(op))) return "unknown"; // numeric, date, IP, binary: never decided here
  if (policyValues.some((v) => v.includes("${"))) return "unknown"; // a policy variable
  const like = op.endsWith("like") || op.startsWith("arn");
  const ignoreCase = op.endsWith("ignorecase") || op === "bool";
  const matches = (value: string, pattern: string) => valueMatches(value, pattern, like, ignoreCase);

  if (fact.kind === "values") {
    const hit = (value: string) => policyValues.some((p) => matches(value, p));
    const each = fact.values.map((value) => (negated ? !hit(value) : hit(value)));
    if (set === "all") return each.every(Boolean);
    return each.some(Boolean);
  }
  // Partly known: each policy value matches (true), cannot match (false) or may (unknown).
  const per = policyValues.map((p) => partialMatch(fact, p, like, ignoreCase));
  const anyMatch: Truth = per.includes(true) ? true : per.every((t) => t === false) ? false : "unknown";
  if (!negated) return anyMatch;
  return anyMatch === "unknown" ? "unknown" : !anyMatch;
}

function partialMatch(fact: Extract<KeyFact, { kind: "none-of" | "prefix" }>, pattern: string, like: boolean, ignoreCase: boolean): Truth {
  if (fact.kind === "none-of") {
    if (like && /[*?]/.test(pattern)) return "unknown";
    return fact.values.some((v) => valueMatches(v, pattern, false, ignoreCase)) ? false : "unknown";
  }
  const { prefix } = fact;
  if (like && pattern === "*") return true;
  // A trailing `*` after a pattern that matches the whole prefix matches every such value.
  if (like && pattern.endsWith("*") && valueMatches(prefix, pattern.slice(0, -1), true, ignoreCase)) return true;
  const literal = like ? pattern.split(/[*?]/, 1)[0]! : pattern;
  const a = ignoreCase ? literal.toLowerCase() : literal;
  const b = ignoreCase ? prefix.toLowerCase() : prefix;
  const compatible = a.length >= b.length ? a.startsWith(b) : b.startsWith(a);
  return compatible ? "unknown" : false;
}

const patterns = new Map<string, RegExp>();

/** IAM string matching: exact, or `*` / `?` wildcards for the Like and ARN operators. */
export function valueMatches(value: string, pattern: string, like: boolean, ignoreCase: boolean): boolean {
  if (!like || !/[*?]/.test(pattern)) return ignoreCase ? value.toLowerCase() === pattern.toLowerCase() : value === pattern;
  const key = `${ignoreCase ? "i" : "c"}${pattern}`;
  let re = patterns.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
    if (patterns.size > 10_000) patterns.clear();
    patterns.set(key, re);
  }
  return re.test(value);
}
