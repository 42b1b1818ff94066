/**
 * What a role can do: its identity policies' Allow statements expanded against the action
 * catalog, minus unconditional `Resource: "*"` Denies, intersected with the permissions
 * boundary, then sorted into the risk categories of `riskLists.ts`.
 */
import { createHash } from "node:crypto";
import { levelsOfMask, type AccessLevel, type ActionCatalog } from "./actionCatalog";
import { listOfParts } from "./listOfParts";
import type { ActionSet } from "./actionSet";
import type { GuardrailEntry } from "./guardrails/guardrailEntry";
import type { PolicyDocument } from "./policyDocument";
import type { RiskLists } from "./riskLists";

/** One Allow statement of one policy, as the dashboard shows it. */
export interface Grant {
  policy: string;
  statement: number;
  sid: string | null;
  actions: string[] | null;
  notActions: string[] | null;
  resources: string[] | null;
  notResources: string[] | null;
  conditional: boolean;
}

interface CompiledStatement {
  grant: Omit<Grant, "policy">;
  actions: ActionSet;
  /** Allows every action on every resource with no condition. */
  everywhere: boolean;
}

/** A policy document resolved against the catalog; computed once per distinct document. */
export interface CompiledPolicy {
  allows: CompiledStatement[];
  /** Unconditional Deny on `Resource: "*"`: taken away whatever else allows it. */
  denied: ActionSet;
  unknownActions: string[];
}

export function compilePolicy(doc: PolicyDocument, catalog: ActionCatalog): CompiledPolicy {
  const allows: CompiledStatement[] = [];
  const denied = catalog.empty();
  const unknown = new Set<string>();
  for (const s of doc.statements) {
    let actions = catalog.empty();
    for (const pattern of s.action ?? s.notAction!) {
      const match = catalog.match(pattern);
      actions.addAll(match.actions);
      if (match.unknown && s.action && s.effect === "Allow") unknown.add(match.unknown);
    }
    if (s.notAction) actions = actions.complement();
    if (s.effect === "Deny") {
      if (!s.condition && s.resource?.includes("*")) denied.addAll(actions);
      continue;
    }
    const grant = {
      statement: s.index,
      sid: s.sid,
      actions: s.action,
      notActions: s.notAction,
      resources: s.resource,
      notResources: s.notResource,
      conditional: s.condition !== null,
    };
    const everywhere = !s.condition && (s.resource?.includes("*") ?? false) && actions.isFull();
    allows.push({ grant, actions, everywhere });
  }
  return { allows, denied, unknownActions: [...unknown].sort() };
}

export interface NamedPolicy {
  name: string;
  compiled: CompiledPolicy;
}

export interface ServiceAccess {
  service: string;
  accessLevels: AccessLevel[];
  actions: number;
}

/** What a set of granted actions amounts to: derived from the actions alone. */
export interface ActionProfile {
  accessLevels: AccessLevel[];
  privilegeEscalation: string[];
  destructive: string[];
  costImpact: string[];
  dataAccess: string[];
  actionCount: number;
  writeActionCount: number;
  services: ServiceAccess[];
}

/** The permission summary of the output contract, plus what storage and display need. */
export interface PermissionSummary extends ActionProfile {
  /** Same value for roles that can do exactly the same things on the same resources. */
  fingerprint: string;
  admin: boolean;
  unknownActions: string[];
  /** Attached or boundary policies whose document was not in the input. */
  missingPolicies: string[];
  boundary: string | null;
  /** The SCPs that take actions away (lib/analysis/guardrails): the summary is what is left. */
  guardrails: GuardrailEntry[];
  /** What the role's own policies allowed, where the guardrails cut it (the risky lists before are these plus `removed`). */
  beforeGuardrails: BeforeGuardrails | null;
  grants: Grant[];
}

export interface BeforeGuardrails {
  admin: boolean;
  privilegeEscalation: string[];
  actionCount: number;
  writeActionCount: number;
}

export interface EffectivePermissions {
  /** Built on first use: a role whose permissions the guardrails cut never needs the uncut lists. */
  readonly summary: PermissionSummary;
  /** Every action granted, for "who can do X" queries. */
  readonly allowed: ActionSet;
  /** What the summary says beyond the actions (known at once: the fingerprint is made of it). */
  readonly identity: PermissionIdentity;
  /** What the identity policies and boundary allowed before the organization's guardrails cut it, when they did. */
  readonly beforeGuardrails?: EffectivePermissions;
}

export type PermissionIdentity = Pick<PermissionSummary, "fingerprint" | "admin" | "unknownActions" | "missingPolicies" | "boundary" | "guardrails" | "beforeGuardrails" | "grants">;

/** Permissions whose action profile (the risky lists, services, levels) is worked out when first read. */
class Permissions implements EffectivePermissions {
  private built: PermissionSummary | null = null;

  constructor(
    readonly allowed: ActionSet,
    readonly identity: PermissionIdentity,
    private readonly risk: RiskLists,
    /** Same actions: its profile is this one's. */
    private readonly sameActionsAs?: EffectivePermissions,
    readonly beforeGuardrails?: EffectivePermissions,
  ) {}

  get summary(): PermissionSummary {
    if (!this.built) {
      const { fingerprint, admin, unknownActions, missingPolicies, boundary, guardrails, beforeGuardrails, grants } = this.identity;
      const profile: ActionProfile = this.sameActionsAs ? this.sameActionsAs.summary : actionProfile(this.allowed, this.risk);
      this.built = {
        fingerprint,
        admin,
        accessLevels: profile.accessLevels,
        privilegeEscalation: profile.privilegeEscalation,
        destructive: profile.destructive,
        costImpact: profile.costImpact,
        dataAccess: profile.dataAccess,
        actionCount: profile.actionCount,
        writeActionCount: profile.writeActionCount,
        services: profile.services,
        unknownActions,
        missingPolicies,
        boundary,
        guardrails,
        beforeGuardrails,
        grants,
      };
    }
    return this.built;
  }
}

export function effectivePermissions(
  policies: readonly NamedPolicy[],
  boundary: NamedPolicy | null,
  missingPolicies: readonly string[],
  risk: RiskLists,
): EffectivePermissions {
  const { catalog } = risk;
  const denied = catalog.empty();
  for (const p of [...policies, ...(boundary ? [boundary] : [])]) denied.addAll(p.compiled.denied);

  let allowed = catalog.empty();
  let everywhere = false;
  const grants: Grant[] = [];
  for (const p of policies) {
    for (const s of p.compiled.allows) {
      allowed.addAll(s.actions);
      everywhere ||= s.everywhere;
      grants.push({ policy: p.name, ...s.grant });
    }
  }
  if (boundary) {
    const ceiling = catalog.empty();
    for (const s of boundary.compiled.allows) ceiling.addAll(s.actions);
    allowed = allowed.intersect(ceiling);
    everywhere &&= boundary.compiled.allows.some((s) => s.everywhere);
  }
  allowed = allowed.minus(denied);

  const identity: PermissionIdentity = {
    fingerprint: "",
    admin: everywhere && allowed.isFull(),
    unknownActions: [...new Set(policies.flatMap((p) => p.compiled.unknownActions))].sort(),
    missingPolicies: [...missingPolicies],
    boundary: boundary?.name ?? null,
    guardrails: [],
    beforeGuardrails: null,
    grants,
  };
  identity.fingerprint = fingerprint(allowed, identity);
  return new Permissions(allowed, identity, risk);
}

/** The permissions left once the guardrails took actions away (or may take them, `mayRemove`). */
export function afterGuardrails(before: EffectivePermissions, allowed: ActionSet, guardrails: GuardrailEntry[], risk: RiskLists): EffectivePermissions {
  const cut = !allowed.containsAll(before.allowed);
  const was = before.identity;
  const identity: PermissionIdentity = {
    ...was,
    fingerprint: "",
    admin: was.admin && !cut,
    guardrails,
    // Read from the actions, not the uncut summary: that is never built for a role the guardrails cut.
    beforeGuardrails: cut ? { admin: was.admin, privilegeEscalation: risk.escalationMethods(before.allowed), actionCount: before.allowed.count(), writeActionCount: before.allowed.countShared(risk.write) } : null,
  };
  const kept = cut ? allowed : before.allowed;
  // What is left follows from what the role's policies allowed and what the guardrails took.
  identity.fingerprint = createHash("sha256").update(was.fingerprint).update(JSON.stringify(guardrails)).digest("hex").slice(0, 32);
  return new Permissions(kept, identity, risk, cut ? undefined : before, before);
}

export function actionProfile(allowed: ActionSet, risk: RiskLists): ActionProfile {
  const { catalog } = risk;
  return {
    accessLevels: accessLevelsOf(allowed, catalog),
    privilegeEscalation: risk.escalationMethods(allowed),
    destructive: catalog.categoryActionNames(allowed, risk.destructive),
    costImpact: catalog.categoryActionNames(allowed, risk.costImpact),
    dataAccess: catalog.categoryActionNames(allowed, risk.dataAccess),
    actionCount: allowed.count(),
    writeActionCount: allowed.countShared(risk.write),
    services: servicesOf(allowed, catalog),
  };
}

function accessLevelsOf(set: ActionSet, catalog: ActionCatalog): AccessLevel[] {
  return sharedLevels(catalog.levelMask(set));
}

/** One array per combination of levels (there are 32), shared: never to be mutated. */
const LEVELS_BY_MASK: AccessLevel[][] = Array.from({ length: 32 }, (_, mask) => levelsOfMask(mask));
const sharedLevels = (mask: number) => LEVELS_BY_MASK[mask]!;

/** Rollup entries by service, levels and count: sets that hold the same of a service share its entry (and its JSON text). */
const serviceEntries = new WeakMap<ActionCatalog, Map<number, readonly ServiceAccess[]>>();
const wholeServiceLevels = new WeakMap<ActionCatalog, number[]>();

/** Per service (a contiguous range of the catalog): how many of its actions, at which levels. */
function servicesOf(set: ActionSet, catalog: ActionCatalog): ServiceAccess[] {
  let entries = serviceEntries.get(catalog);
  if (!entries) serviceEntries.set(catalog, (entries = new Map()));
  let wholeLevels = wholeServiceLevels.get(catalog);
  if (!wholeLevels) wholeServiceLevels.set(catalog, (wholeLevels = []));
  const parts: (readonly ServiceAccess[])[] = [];
  const ranges = catalog.serviceRanges();
  for (let service = 0; service < ranges.length; service++) {
    const { start, end } = ranges[service]!;
    const actions = set.countRange(start, end);
    if (actions === 0) continue;
    // A service held whole has the levels of all its actions (known once per service).
    const mask = actions === end - start ? (wholeLevels[service] ??= catalog.levelMask(catalog.all(), start, end)) : catalog.levelMask(set, start, end);
    const key = (actions * 32 + mask) * 4096 + service;
    let entry = entries.get(key);
    if (!entry) {
      entry = [{ service: catalog.serviceNames[service]!, accessLevels: sharedLevels(mask), actions }];
      if (entries.size < 200_000) entries.set(key, entry);
    }
    parts.push(entry);
  }
  return listOfParts(parts);
}

function fingerprint(allowed: ActionSet, summary: PermissionIdentity): string {
  const hash = createHash("sha256");
  hash.update(allowed.key());
  hash.update(JSON.stringify([summary.admin, summary.unknownActions, summary.missingPolicies, summary.boundary, summary.grants]));
  return hash.digest("hex").slice(0, 32);
}
