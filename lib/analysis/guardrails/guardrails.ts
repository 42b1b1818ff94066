/**
 * What the organization's guardrails leave a third party (docs/analysis.md, "Guardrails").
 *
 * - SCPs cut what a role in a member account can do, whoever assumed it: an action is left
 *   only if, at every level of the account's path (root, each OU, the account), some attached
 *   SCP allows it and none denies it. They do not apply to the management account nor to
 *   service-linked roles.
 * - RCPs cut what anyone may do to our resources, including `sts:AssumeRole` on our roles: a
 *   Deny whose condition holds for the outside caller blocks that trust or resource grant.
 *
 * Conditions are judged from what we know of the request (requestFacts.ts): the role's ARN,
 * account, organization, path and tags; the caller's account and whether it is ours. A Deny
 * whose condition we cannot judge takes nothing away: its actions are listed as `mayRemove`.
 * Pure, and memoised per account path, condition outcomes and permission set.
 */
import { rangeMask, type ActionSet } from "../actionSet";
import { listOfParts } from "../listOfParts";
import { afterGuardrails, type EffectivePermissions } from "../permissions";
import { decodePolicyText, normalisePolicy, PolicyError, type ConditionBlock } from "../policyDocument";
import type { RiskLists } from "../riskLists";
import type { TrustGrant } from "../trustPolicy";
import type { Principal } from "../principals";
import type { BlockedBy, GuardrailEntry } from "./guardrailEntry";
import type { GuardrailInput, OrganizationPolicy } from "./organizationPolicies";
import { evaluateCondition, undecidedKeys, valueMatches, type KeyFact, type RequestFacts, type Truth } from "./requestFacts";

interface GuardStatement {
  effect: "Allow" | "Deny";
  actions: ActionSet;
  /** `Resource: "*"` and no NotResource: the statement covers every resource. */
  everyResource: boolean;
  resource: string[] | null;
  notResource: string[] | null;
  condition: ConditionBlock | null;
}

interface CompiledGuardrail {
  policy: OrganizationPolicy;
  /** Null when the input has no readable document for it: it is not applied. */
  statements: GuardStatement[] | null;
}

interface Level {
  id: string;
  scps: CompiledGuardrail[];
  rcps: CompiledGuardrail[];
}

interface AccountPath {
  levels: Level[];
  /** `o-…/r-…/ou-…/`: the account's aws:PrincipalOrgPaths, when the whole path is known. */
  orgPath: string | null;
  /** Same for accounts whose paths carry the same policies at the same places. */
  key: string;
}

export interface GuardedRole {
  arn: string;
  path: string;
  tags: Readonly<Record<string, string>>;
}

/** The services whose resources RCPs govern (and so whose grants an RCP can block). */
export const RCP_SERVICES: ReadonlySet<string> = new Set(["s3", "sts", "kms", "sqs", "secretsmanager"]);

/** The AWS managed policies every organization has, in case the input names them without content. */
const AWS_MANAGED_CONTENT: Record<string, string> = {
  "p-FullAWSAccess": JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
  "p-RCPFullAWSAccess": JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }),
};


/** A conditional Deny (a region rule) may cover most of what a role holds: past this many actions, its services are named instead. */
const MAY_REMOVE_LISTED = 100;

export class Guardrails {
  private readonly policyProblems: { source: string; message: string }[] = [];
  /** Accounts (or the highest OU known above them) whose place in the tree the input does not give. */
  private readonly unplaced = new Set<string>();
  private readonly attached = new Map<string, CompiledGuardrail[]>();
  private readonly paths = new Map<string, AccountPath>();
  private readonly results = new WeakMap<EffectivePermissions, Map<string, EffectivePermissions>>();
  private readonly rootId: string | null;
  readonly hasScps: boolean;
  readonly hasRcps: boolean;

  constructor(
    readonly input: GuardrailInput,
    private readonly org: { orgId: string | null; managementAccountId: string | null },
    private readonly risk: RiskLists,
  ) {
    const roots = new Set([...input.targets.values()].flatMap((t) => [...t]).concat([...input.parents.values()]).filter((id) => id.startsWith("r-")));
    this.rootId = roots.size === 1 ? [...roots][0]! : null;
    for (const policy of input.policies.values()) {
      const targets = input.targets.get(policy.id);
      if (!targets) {
        this.problem(policy, "its targets are not in the input (list-targets-for-policy); it is not applied");
        continue;
      }
      const compiled = this.compile(policy);
      for (const target of targets) {
        const list = this.attached.get(target);
        if (list) list.push(compiled);
        else this.attached.set(target, [compiled]);
      }
    }
    const all = [...this.attached.values()].flat();
    this.hasScps = all.some((g) => g.policy.type === "scp");
    this.hasRcps = all.some((g) => g.policy.type === "rcp");
  }

  /** The role's permissions once the SCPs on its account's path have cut them. */
  applyScps(accountId: string, role: GuardedRole, permissions: EffectivePermissions): EffectivePermissions {
    if (!this.hasScps || accountId === this.org.managementAccountId || role.path.startsWith("/aws-service-role/")) return permissions;
    const path = this.pathOf(accountId);
    const facts = this.sessionFacts(accountId, role, path);
    const truths = new Map<GuardStatement, Truth>();
    let key = path.key;
    for (const level of path.levels) {
      for (const g of level.scps) {
        for (const s of g.statements ?? []) {
          if (!s.condition) continue;
          const truth = evaluateCondition(s.condition, facts);
          truths.set(s, truth);
          key += truth === true ? "1" : truth === false ? "0" : "?";
        }
      }
    }
    let byKey = this.results.get(permissions);
    if (!byKey) this.results.set(permissions, (byKey = new Map()));
    let result = byKey.get(key);
    if (!result) {
      result = this.cut(permissions, path, (s) => truths.get(s) ?? true, facts);
      byKey.set(key, result);
    }
    return result;
  }

  private cut(permissions: EffectivePermissions, path: AccountPath, truthOf: (s: GuardStatement) => Truth, facts: RequestFacts): EffectivePermissions {
    const { catalog } = this.risk;
    const before = permissions.allowed;
    const entries = new Map<string, { g: CompiledGuardrail; target: string; removed: ActionSet; may: ActionSet; keys: Set<string> }>();
    const entry = (g: CompiledGuardrail, target: string) => {
      const k = `${g.policy.id}\u0000${target}`;
      let e = entries.get(k);
      if (!e) entries.set(k, (e = { g, target, removed: catalog.empty(), may: catalog.empty(), keys: new Set() }));
      return e;
    };
    for (const level of path.levels) {
      if (level.scps.length === 0) continue; // nothing known attached here
      const allow = catalog.empty();
      let allowKnown = true;
      for (const g of level.scps) {
        if (!g.statements) {
          allowKnown = false;
          continue;
        }
        for (const s of g.statements) {
          const truth = truthOf(s);
          if (truth === false) continue;
          if (s.effect === "Allow") {
            allow.addAll(s.actions);
            continue;
          }
          const hits = before.intersect(s.actions);
          if (hits.isEmpty()) continue;
          const e = entry(g, level.id);
          if (truth === true && s.everyResource) e.removed.addAll(hits);
          else {
            e.may.addAll(hits);
            for (const k of undecidedKeys(s.condition, facts)) e.keys.add(k);
          }
        }
      }
      if (!allowKnown) continue;
      const gap = before.minus(allow);
      if (gap.isEmpty()) continue;
      const allowing = level.scps.filter((g) => g.statements?.some((s) => s.effect === "Allow"));
      for (const g of allowing.length > 0 ? allowing : level.scps) entry(g, level.id).removed.addAll(gap);
    }
    if (entries.size === 0) return permissions;
    const removed = catalog.empty();
    for (const e of entries.values()) removed.addAll(e.removed);
    const after = before.minus(removed);
    const list: GuardrailEntry[] = [];
    for (const e of entries.values()) {
      const may = e.may.intersect(after);
      if (e.removed.isEmpty() && may.isEmpty()) continue;
      list.push({
        policyId: e.g.policy.id,
        name: e.g.policy.name,
        type: e.g.policy.type,
        target: e.target,
        removed: this.names(e.removed),
        mayRemove: this.names(may, MAY_REMOVE_LISTED),
        conditionKeys: [...e.keys].sort(),
      });
    }
    if (list.length === 0) return permissions;
    return afterGuardrails(permissions, after, list, this.risk);
  }

  /** The RCP that stops this outside principal from assuming the role, or null. */
  blockedTrust(accountId: string, role: GuardedRole, grant: TrustGrant, members: ReadonlySet<string>): BlockedBy | null {
    if (!this.hasRcps || accountId === this.org.managementAccountId) return null;
    const action = grant.federation?.kind === "saml" ? "sts:AssumeRoleWithSAML" : grant.federation ? "sts:AssumeRoleWithWebIdentity" : "sts:AssumeRole";
    const path = this.pathOf(accountId);
    const facts = new FactMap([...this.callerFacts(grant.principal, grant.federation !== null, members), ...this.resourceFacts(accountId, path)], role.tags, "aws:resourcetag/");
    return this.blockingRcp(path, [action], role.arn, facts);
  }

  /** The RCP that stops an outside principal's access to one of our resources (all of the actions it was granted), or null. */
  blockedResource(grant: { accountId: string; service: string; resourceArn: string; principal: Principal; actions: readonly string[] }, members: ReadonlySet<string>): BlockedBy | null {
    if (!this.hasRcps || !RCP_SERVICES.has(grant.service) || grant.accountId === this.org.managementAccountId || grant.actions.length === 0) return null;
    const path = this.pathOf(grant.accountId);
    const facts = new FactMap([...this.callerFacts(grant.principal, false, members), ...this.resourceFacts(grant.accountId, path)], null, "aws:resourcetag/");
    return this.blockingRcp(path, grant.actions, grant.resourceArn, facts);
  }

  /** The first RCP Deny (root first) that denies every one of the actions for sure. */
  private blockingRcp(path: AccountPath, actionNames: readonly string[], resourceArn: string, facts: RequestFacts): BlockedBy | null {
    const { catalog } = this.risk;
    const wanted = catalog.empty();
    for (const name of actionNames) wanted.addAll(catalog.match(name).actions);
    if (wanted.isEmpty()) return null;
    const denied = catalog.empty();
    let first: BlockedBy | null = null;
    for (const level of path.levels) {
      for (const g of level.rcps) {
        for (const s of g.statements ?? []) {
          if (s.effect !== "Deny" || !s.actions.sharesInRange(wanted, 0, catalog.size)) continue;
          if (!coversResource(s, resourceArn) || evaluateCondition(s.condition, facts) !== true) continue;
          denied.addAll(s.actions);
          first ??= { policyId: g.policy.id, name: g.policy.name, target: level.id };
          if (denied.containsAll(wanted)) return first;
        }
      }
    }
    return null;
  }

  /** What could not be applied: policies without document or targets, accounts not placed in the tree. */
  get problems(): { source: string; message: string }[] {
    if (this.unplaced.size === 0) return [...this.policyProblems];
    const ids = [...this.unplaced].sort();
    const shown = ids.length > 10 ? `${ids.slice(0, 10).join(", ")} and ${ids.length - 10} more` : ids.join(", ");
    return [
      ...this.policyProblems,
      { source: "guardrails", message: `where ${shown} sit${ids.length === 1 ? "s" : ""} in the organization is not in the input (list-parents): only the SCPs and RCPs of the root and of the levels below are applied there` },
    ];
  }

  /** Finds each account's place in the tree now, so that `problems` says which are not known. */
  place(accountIds: Iterable<string>): void {
    for (const id of accountIds) this.pathOf(id);
  }

  private pathOf(accountId: string): AccountPath {
    let path = this.paths.get(accountId);
    if (path) return path;
    const ids = [accountId];
    const seen = new Set(ids);
    for (let parent = this.input.parents.get(accountId); parent !== undefined && !seen.has(parent); parent = this.input.parents.get(parent)) {
      ids.unshift(parent);
      seen.add(parent);
    }
    const complete = ids[0]!.startsWith("r-");
    if (!complete && (this.hasScps || this.hasRcps)) {
      this.unplaced.add(ids[0]!);
      if (this.rootId) ids.unshift(this.rootId);
    }
    const levels = ids.map((id) => {
      const list = this.attached.get(id) ?? [];
      return { id, scps: list.filter((g) => g.policy.type === "scp"), rcps: list.filter((g) => g.policy.type === "rcp") };
    });
    const key = levels
      .filter((l) => l.scps.length + l.rcps.length > 0)
      .map((l) => `${l.id}:${[...l.scps, ...l.rcps].map((g) => g.policy.id).join(",")}`)
      .join("|");
    const orgPath = complete && this.org.orgId ? `${this.org.orgId}/${ids.slice(0, -1).join("/")}/` : null;
    path = { levels, orgPath, key: `${key}#` };
    this.paths.set(accountId, path);
    return path;
  }

  /** A session of one of our roles, acting (what SCPs judge). */
  private sessionFacts(accountId: string, role: GuardedRole, path: AccountPath): RequestFacts {
    const known: [string, KeyFact][] = [
      ["aws:principalarn", { kind: "values", values: [role.arn] }],
      ["aws:principalaccount", { kind: "values", values: [accountId] }],
      ["aws:principaltype", { kind: "values", values: ["AssumedRole"] }],
      ["aws:principalisawsservice", { kind: "values", values: ["false"] }],
      ["aws:principalservicename", { kind: "absent" }],
    ];
    if (this.org.orgId) known.push(["aws:principalorgid", { kind: "values", values: [this.org.orgId] }]);
    if (path.orgPath) known.push(["aws:principalorgpaths", { kind: "values", values: [path.orgPath] }]);
    return new FactMap(known, role.tags, "aws:principaltag/");
  }

  /** Someone outside calling in: what we know of them from the trust or grant that names them. */
  private callerFacts(principal: Principal, federated: boolean, members: ReadonlySet<string>): [string, KeyFact][] {
    const { orgId } = this.org;
    if (principal.kind === "service") {
      return [["aws:principalisawsservice", { kind: "values", values: ["true"] }]];
    }
    const out: [string, KeyFact][] = [
      ["aws:principalisawsservice", { kind: "values", values: ["false"] }],
      ["aws:principalservicename", { kind: "absent" }],
      ["aws:sourceaccount", { kind: "absent" }],
      ["aws:sourcearn", { kind: "absent" }],
      ["aws:sourceorgid", { kind: "absent" }],
      ["aws:sourceorgpaths", { kind: "absent" }],
    ];
    if (federated) {
      // A web identity or SAML caller is no AWS principal: it has no account or organization.
      out.push(["aws:principalaccount", { kind: "absent" }], ["aws:principalorgid", { kind: "absent" }], ["aws:principalorgpaths", { kind: "absent" }], ["aws:principalarn", { kind: "absent" }]);
      return out;
    }
    const account = principal.accountId;
    if (!account) return out; // `*`: anyone
    out.push(["aws:principalaccount", { kind: "values", values: [account] }]);
    if (members.has(account)) {
      if (orgId) out.push(["aws:principalorgid", { kind: "values", values: [orgId] }]);
    } else if (orgId) {
      out.push(["aws:principalorgid", { kind: "none-of", values: [orgId] }]);
    }
    if (principal.kind === "role" || principal.kind === "user") {
      out.push(["aws:principalarn", { kind: "values", values: [principal.value] }]);
      out.push(["aws:principaltype", { kind: "values", values: [principal.kind === "role" ? "AssumedRole" : "User"] }]);
    } else {
      out.push(["aws:principalarn", { kind: "prefix", prefix: `arn:${principal.partition ?? "aws"}:iam::${account}:` }]);
    }
    return out;
  }

  private resourceFacts(accountId: string, path: AccountPath): [string, KeyFact][] {
    const out: [string, KeyFact][] = [["aws:resourceaccount", { kind: "values", values: [accountId] }]];
    if (this.org.orgId) out.push(["aws:resourceorgid", { kind: "values", values: [this.org.orgId] }]);
    if (path.orgPath) out.push(["aws:resourceorgpaths", { kind: "values", values: [path.orgPath] }]);
    return out;
  }

  /**
   * Action names; every action of a service is written `service:*`. With `servicesAbove`, a
   * list longer than that names the services only (`service:*` for some or all of their actions).
   * Built from per-service parts shared by every role that loses the same of a service (the
   * JSON writer writes a shared part's text once).
   */
  private names(set: ActionSet, servicesAbove = Infinity): string[] {
    const { catalog } = this.risk;
    const ranges = catalog.serviceRanges();
    const coarse = set.count() > servicesAbove;
    const parts: (readonly string[])[] = [];
    for (let service = 0; service < ranges.length; service++) {
      const { start, end } = ranges[service]!;
      const count = set.countRange(start, end);
      if (count === 0) continue;
      if (coarse || count === end - start) {
        parts.push((this.wholeService[service] ??= [`${catalog.serviceNames[service]}:*`]));
        continue;
      }
      let key = `${service}`;
      for (let w = start >>> 5, last = (end - 1) >>> 5; w <= last; w++) key += `,${set.words[w]! & rangeMask(w, start, end)}`;
      let part = this.someOfService.get(key);
      if (!part) {
        const names: string[] = [];
        for (let i = start; i < end; i++) if (set.has(i)) names.push(catalog.name(i));
        part = names;
        if (this.someOfService.size < 100_000) this.someOfService.set(key, part);
      }
      parts.push(part);
    }
    return listOfParts(parts);
  }

  private readonly wholeService: (readonly string[])[] = [];
  private readonly someOfService = new Map<string, readonly string[]>();

  private compile(policy: OrganizationPolicy): CompiledGuardrail {
    const content = policy.content ?? AWS_MANAGED_CONTENT[policy.id] ?? null;
    if (content === null) {
      this.problem(policy, "its document is not in the input (describe-policy); it is not applied");
      return { policy, statements: null };
    }
    try {
      const doc = normalisePolicy(decodePolicyText(content).value);
      const { catalog } = this.risk;
      const statements = doc.statements.map((s) => {
        let actions = catalog.empty();
        for (const pattern of s.action ?? s.notAction!) actions.addAll(catalog.match(pattern).actions);
        if (s.notAction) actions = actions.complement();
        return {
          effect: s.effect,
          actions,
          everyResource: (s.resource?.includes("*") ?? false) && s.notResource === null,
          resource: s.resource,
          notResource: s.notResource,
          condition: s.condition,
        };
      });
      return { policy, statements };
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      this.problem(policy, `${error.message}; it is not applied`);
      return { policy, statements: null };
    }
  }

  private problem(policy: OrganizationPolicy, message: string): void {
    this.policyProblems.push({ source: `${policy.type}/${policy.id}`, message: `${policy.type.toUpperCase()} ${policy.name} (${policy.id}): ${message}` });
  }
}

function coversResource(s: GuardStatement, arn: string): boolean {
  if (s.notResource) return !s.notResource.some((p) => valueMatches(arn, p, true, false));
  return (s.resource ?? []).some((p) => valueMatches(arn, p, true, false));
}

/** Known facts, plus a tag prefix whose every key is known (a tag the role lacks is absent). */
class FactMap implements RequestFacts {
  private readonly known: Map<string, KeyFact>;
  private readonly tags: Map<string, string> | null;

  constructor(
    known: readonly [string, KeyFact][],
    tags: Readonly<Record<string, string>> | null,
    private readonly tagPrefix: string,
  ) {
    this.known = new Map(known);
    this.tags = tags ? new Map(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v])) : null;
  }

  get(key: string): KeyFact | undefined {
    const fact = this.known.get(key);
    if (fact || !this.tags || !key.startsWith(this.tagPrefix)) return fact;
    const value = this.tags.get(key.slice(this.tagPrefix.length));
    return value === undefined ? { kind: "absent" } : { kind: "values", values: [value] };
  }
}
