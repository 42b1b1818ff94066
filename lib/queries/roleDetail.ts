/**
 * One role, down to the policy line: its trust policy with the statements that let each
 * outside party in, and each permission policy (from the latest stored export) with what
 * every Allow statement contributes to the findings. The export is parsed once per content
 * (lib/db/storedExports.ts) and each role's annotated policies compiled once per export.
 */
import type { AccountSnapshot } from "../analysis/authorizationDetails";
import { FINDING, type FindingCode } from "../analysis/findings";
import { compilePolicy, type PermissionSummary } from "../analysis/permissions";
import { decodePolicyText, normalisePolicy, PolicyError } from "../analysis/policyDocument";
import { RISKS } from "../analysis/risk";
import type { RiskLists } from "../analysis/riskLists";
import type { PermissionSummaries } from "../db/permissionSummaries";
import { StoredExports } from "../db/storedExports";
import type { Db } from "../db/types";
import type { TrustRow } from "../inventory/accountInventory";
import { partyLabel } from "../inventory/party";
import type { TrustListRow } from "./trusts";
import { loadGuardrails } from "../db/guardrailStore";
import type { BlockedBy } from "../analysis/guardrails/guardrailEntry";

export interface StatementNote {
  statement: number;
  /** Finding codes this statement is behind. */
  codes: FindingCode[];
  text: string;
}

export interface PolicyView {
  kind: "trust" | "inline" | "managed" | "boundary";
  name: string;
  document: unknown;
  notes: StatementNote[];
  error: string | null;
}

export interface RoleDetail {
  role: { id: number; arn: string; name: string; path: string; accountId: string; accountName: string | null; createDate: Date | null; lastUsed: Date | null; lastUsedRegion: string | null; lastUsedKnown: boolean; removed: boolean };
  trusts: (Pick<TrustListRow, "id" | "principal" | "party" | "partyName" | "externalId" | "findings" | "risk" | "internal"> & Pick<TrustRow, "statements" | "blockedBy">)[];
  permissions: PermissionSummary;
  /** Names of the roots, OUs and accounts the guardrails are attached to, as last read. */
  guardrailTargets: ReadonlyMap<string, string>;
  policies: PolicyView[];
  exportedAt: Date | null;
}

const serverExports = new StoredExports();

export async function roleDetail(db: Db, summaries: PermissionSummaries, id: number, risk: RiskLists, exports: StoredExports = serverExports): Promise<RoleDetail | null> {
  const role = await db.role.findUnique({ where: { id }, include: { trusts: { where: { removedScanId: null } } } });
  if (!role) return null;
  const [account, raw, permissions, guardrails] = await Promise.all([
    db.account.findUnique({ where: { id: role.accountId }, select: { name: true } }),
    exports.latest(db, role.accountId),
    summaries.load(db, [role.permissionSetId]),
    loadGuardrails(db),
  ]);
  const trusts = role.trusts
    .map((t) => ({
      id: t.id,
      principal: t.principal,
      party: t.party,
      partyName: partyLabel(t.party),
      externalId: t.externalId,
      findings: t.findings as FindingCode[],
      risk: RISKS[t.riskRank]!,
      internal: t.internal,
      statements: t.statements,
      blockedBy: t.blockedBy as BlockedBy | null,
    }))
    .sort((a, b) => RISKS.indexOf(b.risk) - RISKS.indexOf(a.risk));

  const policies: PolicyView[] = [{ kind: "trust", name: "Trust policy", document: role.trustPolicy, notes: trustNotes(trusts), error: null }];
  const summary = permissions.get(role.permissionSetId)!;
  if (raw?.snapshot) policies.push(...compiledPolicies(raw.snapshot, role.arn, risk, summary));
  return {
    role: {
      id: role.id,
      arn: role.arn,
      name: role.name,
      path: role.path,
      accountId: role.accountId,
      accountName: account?.name ?? null,
      createDate: role.createDate,
      lastUsed: role.lastUsed,
      lastUsedRegion: role.lastUsedRegion,
      lastUsedKnown: role.lastUsedKnown,
      removed: role.removedScanId !== null,
    },
    trusts,
    permissions: summary,
    guardrailTargets: guardrails?.input.names ?? new Map(),
    policies,
    exportedAt: raw?.capturedAt ?? null,
  };
}

const TRUST_CODES = new Set<FindingCode>([FINDING.WILDCARD_PRINCIPAL, FINDING.OIDC_UNRESTRICTED, FINDING.ROOT_PRINCIPAL, FINDING.NO_EXTERNAL_ID, FINDING.WEAK_EXTERNAL_ID, FINDING.DANGLING_PRINCIPAL, FINDING.UNKNOWN_VENDOR]);

function trustNotes(trusts: RoleDetail["trusts"]): StatementNote[] {
  const notes: StatementNote[] = [];
  for (const t of trusts) {
    for (const statement of t.statements) {
      notes.push({
        statement,
        codes: t.findings.filter((f) => TRUST_CODES.has(f)),
        text: `lets ${t.internal ? "internal principal " : ""}${t.partyName === "Internal" ? t.principal : t.partyName} assume the role (ExternalId ${t.externalId ?? "n/a"})`,
      });
    }
  }
  return notes;
}

/** Each export's role policy views, per RiskLists (one per action catalog); dropped with the parsed export. */
const compiled = new WeakMap<RiskLists, WeakMap<AccountSnapshot, Map<string, PolicyView[]>>>();

/** What the role holds in the end — after Denies, NotActions and its boundary — that statements are evidence of. */
interface Held {
  admin: boolean;
  /** Escalation methods whose every action the role holds. */
  escalation: string[];
  boundary: string | null;
}

function compiledPolicies(snapshot: AccountSnapshot, roleArn: string, risk: RiskLists, summary: PermissionSummary): PolicyView[] {
  let bySnapshot = compiled.get(risk);
  if (!bySnapshot) compiled.set(risk, (bySnapshot = new WeakMap()));
  let byRole = bySnapshot.get(snapshot);
  if (!byRole) bySnapshot.set(snapshot, (byRole = new Map()));
  const key = `${roleArn}\u0000${summary.admin}\u0000${summary.privilegeEscalation.join(",")}`;
  let views = byRole.get(key);
  if (!views) byRole.set(key, (views = permissionPolicies(snapshot, roleArn, risk, summary)));
  return views;
}

function permissionPolicies(snapshot: AccountSnapshot, roleArn: string, risk: RiskLists, summary: PermissionSummary): PolicyView[] {
  const role = snapshot.roles.find((r) => r.arn === roleArn);
  if (!role) return [];
  const held: Held = { admin: summary.admin, escalation: summary.privilegeEscalation, boundary: role.boundaryArn ?? null };
  const views: PolicyView[] = [];
  const add = (kind: PolicyView["kind"], name: string, raw: unknown) => {
    if (raw === undefined || raw === null) {
      views.push({ kind, name, document: null, notes: [], error: "the stored export has no document for this policy" });
      return;
    }
    try {
      const { value } = decodePolicyText(raw);
      views.push({ kind, name, document: value, notes: kind === "boundary" ? [] : statementNotes(value, risk, held), error: null });
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      views.push({ kind, name, document: typeof raw === "string" ? raw : null, notes: [], error: error.message });
    }
  };
  for (const p of role.inlinePolicies) add("inline", p.name, p.document);
  for (const p of role.attachedPolicies) add("managed", p.arn, snapshot.policies.get(p.arn)?.document);
  if (role.boundaryArn) add("boundary", role.boundaryArn, snapshot.policies.get(role.boundaryArn)?.document);
  return views;
}

/**
 * What each Allow statement grants that a finding is about. A statement is evidence of
 * administrator access or of an escalation method only when the role holds it in the end: the
 * statements together grant the whole method, and no Deny, NotAction or boundary takes part of
 * it away. An administrator statement that the boundary caps says so.
 */
function statementNotes(document: unknown, risk: RiskLists, held: Held): StatementNote[] {
  const compiled = compilePolicy(normalisePolicy(document), risk.catalog);
  const notes: StatementNote[] = [];
  for (const s of compiled.allows) {
    const codes: FindingCode[] = [];
    const parts: string[] = [];
    if (s.everywhere && held.admin) {
      codes.push(FINDING.ADMIN_ACCESS);
      parts.push("every action on every resource");
    } else if (s.everywhere) {
      parts.push(`every action on every resource, but ${held.boundary ? `the permissions boundary ${held.boundary} caps it` : "Deny statements take part of it away"}: the role is not an administrator`);
    }
    const escalation = risk.escalation.filter((m) => held.escalation.includes(m.id) && !m.actions.intersect(s.actions).isEmpty()).map((m) => m.id);
    if (escalation.length) {
      codes.push(FINDING.PRIVILEGE_ESCALATION);
      parts.push(`actions of escalation methods (${escalation.slice(0, 4).join(", ")}${escalation.length > 4 ? ", …" : ""})`);
    }
    for (const [code, set, label] of [
      [FINDING.DESTRUCTIVE_ACTIONS, risk.destructive, "destructive"],
      [FINDING.COST_IMPACT, risk.costImpact, "cost-impact"],
      [FINDING.DATA_ACCESS, risk.dataAccess, "data-access"],
      [FINDING.WRITE_ACCESS, risk.write, "write"],
    ] as const) {
      const n = s.actions.intersect(set).count();
      if (n > 0) {
        codes.push(code);
        parts.push(`${n} ${label} action${n === 1 ? "" : "s"}`);
      }
    }
    if (codes.length || s.everywhere) notes.push({ statement: s.grant.statement, codes, text: `grants ${parts.join("; ")}${s.grant.conditional ? " (under a condition)" : ""}` });
  }
  return notes;
}
