/** Serialisation: exactly what the AWS CLI writes. */
import type { AccessKeyDef, AccountBuilder } from "./accountBuilder";
import { AWS_POLICIES, awsPolicyArn } from "./awsManagedPolicies";
import { cliDate, daysBefore, iamId, pick } from "./deterministic";
import { DEMO_ACCOUNTS, DEMO_ORG_ID, DEMO_VENDORS, DOMAIN, MANAGEMENT, REGION, type DemoSnapshot } from "./organization";

function lastUsedDate(lastUsed: { daysAgo: number } | { at: string }, snapshot: DemoSnapshot, seed: string): string {
  if ("at" in lastUsed) return lastUsed.at;
  return daysBefore(snapshot.date, lastUsed.daysAgo, pick(`${seed}|h`, 24), pick(`${seed}|m`, 60));
}

function tagList(tags: [string, string][] | undefined): { Key: string; Value: string }[] {
  return (tags ?? []).map(([Key, Value]) => ({ Key, Value }));
}

function attachedList(arns: string[] | undefined): { PolicyName: string; PolicyArn: string }[] {
  return (arns ?? []).map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf("/") + 1), PolicyArn: arn }));
}

export function authorizationDetails(b: AccountBuilder): Record<string, unknown> {
  const { id } = b;
  const attachments = new Map<string, number>();
  const boundaries = new Map<string, number>();
  const count = (map: Map<string, number>, arn: string) => map.set(arn, (map.get(arn) ?? 0) + 1);

  const users = b.users.map((u) => {
    for (const arn of u.managed ?? []) count(attachments, arn);
    return {
      Path: u.path ?? "/",
      UserName: u.name,
      UserId: iamId("AIDA", `${id}|${u.name}`),
      Arn: `arn:aws:iam::${id}:user${u.path ?? "/"}${u.name}`,
      CreateDate: u.created,
      UserPolicyList: (u.inline ?? []).map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument })),
      GroupList: u.groups ?? [],
      AttachedManagedPolicies: attachedList(u.managed),
      Tags: tagList(u.tags),
    };
  });
  const groups = b.groups.map((g) => {
    for (const arn of g.managed ?? []) count(attachments, arn);
    return {
      Path: "/",
      GroupName: g.name,
      GroupId: iamId("AGPA", `${id}|${g.name}`),
      Arn: `arn:aws:iam::${id}:group/${g.name}`,
      CreateDate: g.created,
      GroupPolicyList: (g.inline ?? []).map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument })),
      AttachedManagedPolicies: attachedList(g.managed),
    };
  });
  const roles = b.roles.map((r) => {
    const path = r.path ?? "/";
    const arn = `arn:aws:iam::${id}:role${path}${r.name}`;
    const roleId = iamId("AROA", `${id}|${r.name}`);
    for (const p of r.managed ?? []) count(attachments, p);
    if (r.boundary) count(boundaries, r.boundary);
    const lastUsed =
      r.lastUsed === "never" ? {} : { LastUsedDate: lastUsedDate(r.lastUsed, b.snapshot, `${id}|${r.name}`), Region: r.lastUsed.region ?? REGION };
    return {
      Path: path,
      RoleName: r.name,
      RoleId: roleId,
      Arn: arn,
      CreateDate: r.created,
      AssumeRolePolicyDocument: r.trust,
      InstanceProfileList: r.instanceProfile
        ? [
            {
              Path: "/",
              InstanceProfileName: r.name,
              InstanceProfileId: iamId("AIPA", `${id}|${r.name}`),
              Arn: `arn:aws:iam::${id}:instance-profile/${r.name}`,
              CreateDate: r.created,
              Roles: [{ Path: path, RoleName: r.name, RoleId: roleId, Arn: arn, CreateDate: r.created, AssumeRolePolicyDocument: r.trust }],
            },
          ]
        : [],
      RolePolicyList: (r.inline ?? []).map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument })),
      AttachedManagedPolicies: attachedList(r.managed),
      ...(r.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: r.boundary } } : {}),
      Tags: tagList(r.tags),
      RoleLastUsed: lastUsed,
    };
  });

  const policies: Record<string, unknown>[] = [];
  for (const p of [...b.customerPolicies].sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const arn = `arn:aws:iam::${id}:policy/${p.name}`;
    const last = p.versions[p.versions.length - 1]!;
    policies.push({
      PolicyName: p.name,
      PolicyId: iamId("ANPA", `${id}|${p.name}`),
      Arn: arn,
      Path: "/",
      DefaultVersionId: last.id,
      AttachmentCount: attachments.get(arn) ?? 0,
      PermissionsBoundaryUsageCount: boundaries.get(arn) ?? 0,
      IsAttachable: true,
      CreateDate: p.created,
      UpdateDate: last.created,
      PolicyVersionList: [...p.versions].reverse().map((v) => ({ Document: v.document, VersionId: v.id, IsDefaultVersion: v === last, CreateDate: v.created })),
    });
  }
  const referenced = new Set([...attachments.keys(), ...boundaries.keys()]);
  for (const p of [...AWS_POLICIES].sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const arn = awsPolicyArn(p.name);
    if (!referenced.has(arn)) continue;
    policies.push({
      PolicyName: p.name,
      PolicyId: iamId("ANPA", `aws|${p.name}`),
      Arn: arn,
      Path: p.path,
      DefaultVersionId: p.versionId,
      AttachmentCount: attachments.get(arn) ?? 0,
      PermissionsBoundaryUsageCount: boundaries.get(arn) ?? 0,
      IsAttachable: true,
      CreateDate: p.created,
      UpdateDate: p.updated,
      PolicyVersionList: [{ Document: p.document, VersionId: p.versionId, IsDefaultVersion: true, CreateDate: p.updated }],
    });
  }
  return { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies };
}

const CREDENTIAL_REPORT_HEADER = [
  "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
  "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
  "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region", "access_key_2_last_used_service",
  "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
].join(",");

export function credentialReport(b: AccountBuilder): string {
  const snapshot = b.snapshot;
  const keyColumns = (key: AccessKeyDef | undefined, seed: string): string[] => {
    if (!key) return ["false", "N/A", "N/A", "N/A", "N/A"];
    if (!key.lastUsed) return [String(key.active), key.rotated, "N/A", "N/A", "N/A"];
    return [String(key.active), key.rotated, lastUsedDate(key.lastUsed, snapshot, seed), key.region ?? REGION, key.service ?? "sts"];
  };
  const rows = [
    CREDENTIAL_REPORT_HEADER,
    [
      "<root_account>", `arn:aws:iam::${b.id}:root`, cliDate(new Date(Date.parse(b.account.joined)).toISOString()).replace(/:\d\d\+/, ":00+"),
      "not_supported", b.account.kind === "management" ? "2026-01-10T09:12:00+00:00" : "no_information", "not_supported", "not_supported", "true",
      "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A",
    ].join(","),
  ];
  for (const u of b.users) {
    const password = u.password;
    const passwordLastUsed = !password ? "N/A" : password.lastUsed === "never" ? "no_information" : lastUsedDate(password.lastUsed, snapshot, `${b.id}|${u.name}|pw`);
    rows.push(
      [
        u.name,
        `arn:aws:iam::${b.id}:user${u.path ?? "/"}${u.name}`,
        u.created,
        String(password !== undefined),
        passwordLastUsed,
        password ? password.lastChanged : "N/A",
        "N/A",
        String(password?.mfa ?? false),
        ...keyColumns(u.keys?.[0], `${b.id}|${u.name}|key1`),
        ...keyColumns(u.keys?.[1], `${b.id}|${u.name}|key2`),
        "false", "N/A", "false", "N/A",
      ].join(","),
    );
  }
  return rows.join("\n") + "\n";
}

export function listAccounts(snapshot: DemoSnapshot): Record<string, unknown> {
  return {
    Accounts: DEMO_ACCOUNTS.filter((a) => a.since <= snapshot.index).map((a) => ({
      Id: a.id,
      Arn: `arn:aws:organizations::${MANAGEMENT.id}:account/${DEMO_ORG_ID}/${a.id}`,
      Email: `aws+${a.name}@${DOMAIN}`,
      Name: a.name,
      Status: "ACTIVE",
      JoinedMethod: a.kind === "management" ? "INVITED" : "CREATED",
      JoinedTimestamp: a.joined,
    })),
  };
}

export function vendorsYaml(): string {
  const lines = [
    "# Meridian Freight's own vendor mappings (the fwd:cloudsec accounts.yaml format).",
    "# The demo organization's vendors are fictional, and so are their account ids.",
    "# Generated by scripts/demo/generateDemo.ts: edit the generator, not this file.",
  ];
  for (const v of DEMO_VENDORS) {
    lines.push(`- name: '${v.name}'`, `  source: ['${v.source}']`, `  accounts: [${v.accounts.map((id) => `'${id}'`).join(", ")}]`);
  }
  return lines.join("\n") + "\n";
}

/** JSON as exported (two-space indentation, like tests/fixtures/acme-org, to keep demo/ small). */
export function cliJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}
