/**
 * A large, realistic, deterministic organization for load and history tests. Each account
 * generates its authorization details on demand from (seed, account, role slot, version), so
 * a 1,000 × 300 organization is never in memory at once. About `vendorShare` of roles trust a
 * vendor account (most with an sts:ExternalId condition), ~2% the management account, the
 * rest AWS services; mostly shared AWS managed policies, ~20% small inline policies,
 * RoleLastUsed on about half, a few IAM users with access keys.
 *
 * `generation` k+1 differs from k in about `churnShare` of roles: most of those change in
 * place (trust principal, ExternalId, policies), some are deleted, and about as many are added.
 */
import { type CredentialReportUser, credentialReportCsv } from "./credentialReport";
import { idFor, LOWER_ALNUM, pick, rngFor, UPPER_ALNUM, unitFor } from "./prng";
import {
  ADMINISTRATOR_ACCESS,
  type ManagedPolicyTemplate,
  managedPolicyDetail,
  POWER_USER_ACCESS,
  READ_ONLY_ACCESS,
  SECURITY_AUDIT,
  SERVICE_POLICIES,
  SERVICE_PRINCIPALS,
  SUPPORT_SERVICE_ROLE_POLICY,
  VIEW_ONLY_ACCESS,
} from "./syntheticPolicies";
import { SYNTHETIC_REGIONS, syntheticResources } from "./syntheticResources";
import { SYNTHETIC_VENDORS, type SyntheticVendor, vendorSlug } from "./syntheticVendors";
import type { AuthorizationDetails, FakeAccount, FakeOrganization } from "./types";

export type { SyntheticVendor } from "./syntheticVendors";

export interface SyntheticOrganizationOptions {
  /** Number of accounts, the management account included. */
  accounts: number;
  rolesPerAccount: number;
  /** Share of roles trusting a vendor account (default 0.05). */
  vendorShare?: number;
  /** Share of roles trusting the management account (default 0.02). */
  managementShare?: number;
  /** IAM users per account (default 2). */
  usersPerAccount?: number;
  seed?: number;
  /** Scan generation: each step changes about `churnShare` of roles (default 0). */
  generation?: number;
  /** Share of roles changed, deleted or added per generation (default 0.01). */
  churnShare?: number;
  /** Resources with policies in two regions (syntheticResources.ts); default none, one region. */
  resources?: boolean;
}

export interface SyntheticOrganization extends FakeOrganization {
  /** The vendor pool trust policies draw from. */
  vendors: readonly SyntheticVendor[];
  generation: number;
}

interface Config {
  seed: number;
  accountIds: string[];
  managementId: string;
  rolesPerAccount: number;
  vendorShare: number;
  managementShare: number;
  usersPerAccount: number;
  generation: number;
  churnShare: number;
  resources: boolean;
  orgId: string;
}

const OU_LAYOUT: { path: string[]; weight: number; slug: string }[] = [
  { path: ["Workloads", "Prod"], weight: 0.35, slug: "prod" },
  { path: ["Workloads", "NonProd"], weight: 0.3, slug: "nonprod" },
  { path: ["Workloads", "Dev"], weight: 0.15, slug: "dev" },
  { path: ["Security"], weight: 0.04, slug: "security" },
  { path: ["Infrastructure"], weight: 0.06, slug: "infra" },
  { path: ["Sandbox"], weight: 0.09, slug: "sandbox" },
  { path: ["Suspended"], weight: 0.01, slug: "suspended" },
];

export function syntheticOrganization(options: SyntheticOrganizationOptions): SyntheticOrganization {
  const { accounts, rolesPerAccount } = options;
  if (!Number.isInteger(accounts) || accounts < 1) throw new Error("syntheticOrganization: accounts must be a positive integer");
  if (!Number.isInteger(rolesPerAccount) || rolesPerAccount < 0) throw new Error("syntheticOrganization: rolesPerAccount must be a non-negative integer");
  const seed = options.seed ?? 1;
  const prefix = `2${String(Math.abs(seed) % 1000).padStart(3, "0")}`;
  const accountIds = Array.from({ length: accounts }, (_, i) => `${prefix}${String(i).padStart(8, "0")}`);
  const cfg: Config = {
    seed,
    accountIds,
    managementId: accountIds[0]!,
    rolesPerAccount,
    vendorShare: options.vendorShare ?? 0.05,
    managementShare: options.managementShare ?? 0.02,
    usersPerAccount: options.usersPerAccount ?? 2,
    generation: options.generation ?? 0,
    churnShare: options.churnShare ?? 0.01,
    resources: options.resources ?? false,
    orgId: `o-${idFor(LOWER_ALNUM, 10, "org", seed)}`,
  };
  const orgId = cfg.orgId;
  return {
    id: orgId,
    managementAccountId: cfg.managementId,
    vendors: SYNTHETIC_VENDORS,
    generation: cfg.generation,
    accounts: accountIds.map((id, index) => syntheticAccount(cfg, id, index)),
  };
}

function syntheticAccount(cfg: Config, id: string, index: number): FakeAccount {
  const layout = index === 0 ? null : weighted(unitFor(cfg.seed, "ou", index), OU_LAYOUT);
  const name = index === 0 ? "synthetic-management" : `synthetic-${String(index).padStart(4, "0")}-${layout!.slug}`;
  return {
    id,
    name,
    email: `aws+${name}@synthetic.example`,
    status: layout?.slug === "suspended" ? "SUSPENDED" : "ACTIVE",
    ouPath: layout?.path ?? [],
    authorizationDetails: () => accountDetails(cfg, index),
    credentialReport: () => credentialReportCsv(id, users(cfg, index).map((u) => u.report), "2019-01-01T00:00:00Z"),
    ...(cfg.resources ? { enabledRegions: SYNTHETIC_REGIONS, resources: () => syntheticResources(cfg.seed, id, cfg.orgId) } : {}),
  };
}

function weighted<T extends { weight: number }>(u: number, items: readonly T[]): T {
  let acc = 0;
  for (const item of items) {
    acc += item.weight;
    if (u < acc) return item;
  }
  return items[items.length - 1]!;
}

// ---- role slots and churn -------------------------------------------------------------

interface Slot {
  slot: number;
  born: number;
  version: number;
}

/** Share of churn events that delete the role (as many are added back per generation). */
const DELETE_SHARE = 0.15;

/** The role slots alive in account `a` at the configured generation, with their versions. */
function liveSlots(cfg: Config, a: number): Slot[] {
  const born: { slot: number; born: number }[] = Array.from({ length: cfg.rolesPerAccount }, (_, slot) => ({ slot, born: 0 }));
  const addsPerGeneration = cfg.rolesPerAccount * cfg.churnShare * DELETE_SHARE;
  for (let k = 1; k <= cfg.generation; k++) {
    const adds = Math.floor(addsPerGeneration) + (unitFor(cfg.seed, "adds", a, k) < addsPerGeneration % 1 ? 1 : 0);
    for (let j = 0; j < adds; j++) born.push({ slot: born.length, born: k });
  }
  const live: Slot[] = [];
  for (const entry of born) {
    let version = 0;
    let alive = true;
    for (let k = entry.born + 1; k <= cfg.generation; k++) {
      if (unitFor(cfg.seed, "churn", a, entry.slot, k) >= cfg.churnShare) continue;
      const protectedSlot = entry.slot < 2;
      if (!protectedSlot && unitFor(cfg.seed, "churn-kind", a, entry.slot, k) < DELETE_SHARE) {
        alive = false;
        break;
      }
      version = k;
    }
    if (alive) live.push({ slot: entry.slot, born: entry.born, version });
  }
  return live;
}

// ---- roles ---------------------------------------------------------------------------

interface GeneratedRole {
  detail: Record<string, unknown>;
  policies: ManagedPolicyTemplate[];
}

const APPS = ["billing", "orders", "search", "ingest", "reports", "auth", "payments", "catalog", "etl", "notifications", "ml", "web"];
const INLINE_GRANTS: [string, (id: string) => string][] = [
  ["s3:GetObject", (id) => `arn:aws:s3:::data-${id}/*`],
  ["s3:PutObject", (id) => `arn:aws:s3:::uploads-${id}/*`],
  ["sqs:SendMessage", (id) => `arn:aws:sqs:us-east-1:*:queue-${id}`],
  ["dynamodb:Query", (id) => `arn:aws:dynamodb:us-east-1:*:table/table-${id}`],
  ["kms:Decrypt", (id) => `arn:aws:kms:us-east-1:*:key/${id}`],
  ["secretsmanager:GetSecretValue", (id) => `arn:aws:secretsmanager:us-east-1:*:secret:app-${id}`],
];
const VENDOR_POLICIES: [ManagedPolicyTemplate, number][] = [
  [READ_ONLY_ACCESS, 0.35],
  [SECURITY_AUDIT, 0.25],
  [VIEW_ONLY_ACCESS, 0.15],
  [ADMINISTRATOR_ACCESS, 0.05],
  [POWER_USER_ACCESS, 0.05],
];

function role(cfg: Config, a: number, slot: Slot): GeneratedRole {
  const accountId = cfg.accountIds[a]!;
  const stable = rngFor(cfg.seed, "role-stable", a, slot.slot);
  const r = rngFor(cfg.seed, "role", a, slot.slot, slot.version);
  const tag = String(slot.slot).padStart(4, "0");
  const category = a !== 0 && slot.slot === 0 ? "org-access" : slot.slot === 1 ? "support" : categoryOf(cfg, a, slot.slot);

  let name: string;
  let path = "/";
  let trust: Record<string, unknown>;
  let policies: ManagedPolicyTemplate[];
  let tags: { Key: string; Value: string }[] = [];
  switch (category) {
    case "org-access":
      name = "OrganizationAccountAccessRole";
      trust = trustDocument({ AWS: `arn:aws:iam::${cfg.managementId}:root` });
      policies = [ADMINISTRATOR_ACCESS];
      break;
    case "support":
      name = "AWSServiceRoleForSupport";
      path = "/aws-service-role/support.amazonaws.com/";
      trust = trustDocument({ Service: "support.amazonaws.com" });
      policies = [SUPPORT_SERVICE_ROLE_POLICY];
      break;
    case "management":
      name = `${pick(stable, ["OrgAdmin", "PlatformDeploy", "SecurityAuditFromManagement", "TerraformExecution"])}-${tag}`;
      trust = trustDocument({ AWS: `arn:aws:iam::${cfg.managementId}:root` });
      policies = [r() < 0.6 ? ADMINISTRATOR_ACCESS : pick(r, [READ_ONLY_ACCESS, SECURITY_AUDIT, POWER_USER_ACCESS])];
      break;
    case "vendor": {
      const original = popularVendor(stable());
      const vendor = slot.version > 0 && r() < 0.3 ? popularVendor(r()) : original;
      name = `${original.name.replace(/[^A-Za-z0-9]/g, "")}${pick(stable, ["Integration", "ReadOnly", "Access", "Role"])}-${tag}`;
      const principal = r() < 0.8 ? `arn:aws:iam::${vendor.id}:root` : `arn:aws:iam::${vendor.id}:role/${vendorSlug(vendor)}-connector`;
      const externalId = vendor.externalId && r() < 0.9 ? `${vendorSlug(vendor)}-${idFor(LOWER_ALNUM, 10, "external-id", cfg.seed, a, slot.slot, slot.version)}` : undefined;
      trust = trustDocument({ AWS: principal }, externalId === undefined ? undefined : { StringEquals: { "sts:ExternalId": externalId } });
      const u = r();
      const chosen = weighted(u, VENDOR_POLICIES.map(([policy, weight]) => ({ policy, weight })));
      policies = u < 0.85 ? [chosen.policy] : [pick(r, SERVICE_POLICIES)];
      tags = [{ Key: "vendor", Value: vendor.name }];
      break;
    }
    default: {
      const [service, kind] = pick(stable, SERVICE_PRINCIPALS);
      name = `${kind}-${pick(stable, APPS)}-${tag}`;
      trust = trustDocument({ Service: service });
      const u = r();
      policies =
        u < 0.03 ? [ADMINISTRATOR_ACCESS] : u < 0.05 ? [POWER_USER_ACCESS] : Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, SERVICE_POLICIES));
      policies = [...new Set(policies)];
      if (stable() < 0.3) tags = [{ Key: "team", Value: pick(stable, APPS) }];
    }
  }

  const inline =
    category !== "support" && r() < 0.2
      ? [
          (() => {
            const [action, resource] = pick(r, INLINE_GRANTS);
            const id = idFor(LOWER_ALNUM, 6, "inline", cfg.seed, a, slot.slot, slot.version);
            return { PolicyName: `${name}-inline`, PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource(id) }] } };
          })(),
        ]
      : [];
  const created =
    slot.born === 0
      ? new Date(Date.UTC(2019, 0, 1) + Math.floor(stable() * 5 * 365) * 86_400_000)
      : new Date(Date.UTC(2026, 0, 1) + slot.born * 86_400_000);
  const used = stable() < 0.5;
  return {
    policies,
    detail: {
      Path: path,
      RoleName: name,
      RoleId: `AROA${idFor(UPPER_ALNUM, 17, "role-id", cfg.seed, a, slot.slot)}`,
      Arn: `arn:aws:iam::${accountId}:role${path}${name}`,
      CreateDate: created.toISOString(),
      AssumeRolePolicyDocument: trust,
      InstanceProfileList: [],
      RolePolicyList: inline,
      AttachedManagedPolicies: policies.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })),
      Tags: tags,
      RoleLastUsed: used
        ? { LastUsedDate: new Date(Date.UTC(2026, 9, 1) + Math.floor(stable() * 60) * 86_400_000).toISOString(), Region: pick(stable, ["us-east-1", "eu-west-1", "us-west-2"]) }
        : {},
    },
  };
}

function categoryOf(cfg: Config, a: number, slot: number): "vendor" | "management" | "service" {
  const u = unitFor(cfg.seed, "category", a, slot);
  if (u < cfg.vendorShare) return "vendor";
  if (u < cfg.vendorShare + cfg.managementShare) return "management";
  return "service";
}

/** Popular vendors (the real ones, listed first) are picked more often. */
function popularVendor(u: number): SyntheticVendor {
  return SYNTHETIC_VENDORS[Math.floor(u * u * SYNTHETIC_VENDORS.length)]!;
}

function trustDocument(principal: Record<string, string>, condition?: Record<string, unknown>): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
  };
}

// ---- users, groups, account details ---------------------------------------------------

interface GeneratedUser {
  detail: Record<string, unknown>;
  report: CredentialReportUser;
  policies: ManagedPolicyTemplate[];
}

function users(cfg: Config, a: number): GeneratedUser[] {
  const accountId = cfg.accountIds[a]!;
  return Array.from({ length: cfg.usersPerAccount }, (_, i) => {
    const r = rngFor(cfg.seed, "user", a, i);
    const name = `${pick(r, ["ci-deployer", "terraform", "backup-agent", "legacy-app", "monitoring"])}-${i}`;
    const created = new Date(Date.UTC(2018, 0, 1) + Math.floor(r() * 6 * 365) * 86_400_000).toISOString();
    const arn = `arn:aws:iam::${accountId}:user/${name}`;
    const policies = i === 0 ? [] : [pick(r, [READ_ONLY_ACCESS, ...SERVICE_POLICIES.slice(0, 6)])];
    const key = (n: number) => {
      const rotated = new Date(Date.UTC(2022, 0, 1) + Math.floor(r() * 4 * 365) * 86_400_000).toISOString();
      const usedRecently = r() < 0.7;
      return {
        active: n === 1 || r() < 0.5,
        lastRotated: rotated,
        ...(usedRecently ? { lastUsedDate: new Date(Date.UTC(2026, 10, 1) + Math.floor(r() * 25) * 86_400_000).toISOString(), lastUsedRegion: "us-east-1", lastUsedService: pick(r, ["s3", "sts", "ec2", "iam"]) } : {}),
      };
    };
    const accessKeys = [key(1), ...(r() < 0.3 ? [key(2)] : [])];
    const passwordEnabled = r() < 0.2;
    return {
      policies,
      report: { name, arn, createdAt: created, passwordEnabled, mfaActive: passwordEnabled && r() < 0.5, accessKeys },
      detail: {
        Path: "/",
        UserName: name,
        UserId: `AIDA${idFor(UPPER_ALNUM, 17, "user-id", cfg.seed, a, i)}`,
        Arn: arn,
        CreateDate: created,
        UserPolicyList: [],
        GroupList: i === 0 ? ["administrators"] : [],
        AttachedManagedPolicies: policies.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })),
        Tags: [],
      },
    };
  });
}

function accountDetails(cfg: Config, a: number): AuthorizationDetails {
  const accountId = cfg.accountIds[a]!;
  const attached = new Map<string, { policy: ManagedPolicyTemplate; count: number }>();
  const attach = (policies: ManagedPolicyTemplate[]) => {
    for (const policy of policies) {
      const entry = attached.get(policy.arn);
      if (entry) entry.count++;
      else attached.set(policy.arn, { policy, count: 1 });
    }
  };
  const roles = liveSlots(cfg, a).map((slot) => role(cfg, a, slot));
  roles.forEach((r) => attach(r.policies));
  const userList = users(cfg, a);
  userList.forEach((u) => attach(u.policies));
  const groups =
    userList.length > 0
      ? [
          {
            Path: "/",
            GroupName: "administrators",
            GroupId: `AGPA${idFor(UPPER_ALNUM, 17, "group-id", cfg.seed, a)}`,
            Arn: `arn:aws:iam::${accountId}:group/administrators`,
            CreateDate: "2018-01-01T00:00:00Z",
            GroupPolicyList: [],
            AttachedManagedPolicies: [{ PolicyName: ADMINISTRATOR_ACCESS.name, PolicyArn: ADMINISTRATOR_ACCESS.arn }],
          },
        ]
      : [];
  if (groups.length > 0) attach([ADMINISTRATOR_ACCESS]);
  return {
    UserDetailList: userList.map((u) => u.detail),
    GroupDetailList: groups,
    RoleDetailList: roles.map((r) => r.detail),
    Policies: [...attached.values()].map(({ policy, count }) => managedPolicyDetail(policy, count)),
  };
}
