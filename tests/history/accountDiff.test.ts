import { beforeAll, describe, expect, it } from "vitest";
import { AccountAnalyzer } from "@/lib/analysis/accountAnalyzer";
import { readAuthorizationDetails } from "@/lib/analysis/authorizationDetails";
import { parseCredentialReport } from "@/lib/analysis/credentialReport";
import { trustContext } from "@/lib/analysis/trustRecord";
import { parseVendorList, VendorDirectory } from "@/lib/analysis/vendorList";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { diffAccount, type CurrentInventory } from "@/lib/history/accountDiff";
import { accountInventory, type AccountInventory } from "@/lib/inventory/accountInventory";
import { authorizationDetails, type RoleSpec } from "@/testkit/exports";
import { allow, policy } from "../helpers/policies";

const ACCOUNT = "100000000002";
const DATADOG = "464622532012";
const vendors = new VendorDirectory(parseVendorList(`- name: Datadog\n  accounts: ['${DATADOG}']\n`, "known").entries);
const readOnly = policy({ Effect: "Allow", Action: ["ec2:Describe*"], Resource: "*" });
const withDelete = policy({ Effect: "Allow", Action: ["ec2:Describe*", "ec2:TerminateInstances"], Resource: "*" });
const datadogTrust = (extra = {}) => policy(allow({ AWS: `arn:aws:iam::${DATADOG}:root` }, extra));
const externalId = { Condition: { StringEquals: { "sts:ExternalId": "dd-1" } } };

let analyzer: AccountAnalyzer;
beforeAll(async () => {
  analyzer = new AccountAnalyzer(await loadActionCatalog());
});

function inventory(roles: RoleSpec[], report?: string): AccountInventory {
  const snapshot = readAuthorizationDetails({
    ...authorizationDetails(ACCOUNT, { roles, users: [{ name: "partner-bot" }] }),
  });
  const ctx = trustContext(null, [ACCOUNT], vendors, new Date("2026-11-27T00:00:00Z"));
  return accountInventory(analyzer.analyzeAccount(snapshot, ctx), report ? parseCredentialReport(report) : null);
}

/** What the store would hold after saving `inv`: the same rows, with ids. */
function stored(inv: AccountInventory): CurrentInventory {
  let id = 1;
  return {
    roles: inv.roles.map((row) => ({ id: id++, row })),
    trusts: inv.trusts.map((row) => ({ id: id++, row })),
    resources: (inv.resources ?? []).map((row) => ({ id: id++, row })),
    users: inv.users.map(({ keys: _keys, ...row }) => ({ id: id++, row })),
    keys: inv.users.flatMap((u) => u.keys.map((row) => ({ id: id++, row, userArn: u.arn }))),
  };
}

function actionsOf(inv: AccountInventory[]) {
  const sets = new Map(inv.flatMap((i) => [...i.permissionSets.entries()]));
  return (fingerprint: string) => new Set(analyzer.risk.catalog.actionNames(sets.get(fingerprint)!.allowed));
}

const report = (rotated: string, active = true) =>
  [
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
    `<root_account>,arn:aws:iam::${ACCOUNT}:root,2020-01-01T00:00:00+00:00,not_supported,2026-01-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    `partner-bot,arn:aws:iam::${ACCOUNT}:user/partner-bot,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,${active},${rotated},2026-11-20T10:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  ].join("\n");

const kinds = (events: { kind: string; summary: string }[]) => events.map((e) => `${e.kind}: ${e.summary}`);

describe("what changed in an account between two scans", () => {
  it("nothing, when nothing changed", () => {
    const first = inventory([{ name: "Datadog", trust: datadogTrust(externalId), inline: { r: readOnly } }], report("2026-01-01T00:00:00+00:00"));
    const again = inventory([{ name: "Datadog", trust: datadogTrust(externalId), inline: { r: readOnly } }], report("2026-01-01T00:00:00+00:00"));
    const diff = diffAccount(stored(first), again, actionsOf([first, again]));
    expect(diff.events).toEqual([]);
    for (const rows of [diff.roles, diff.trusts, diff.users, diff.keys]) expect(rows).toEqual({ insert: [], update: [], close: [] });
  });

  it("everything is new on the first scan", () => {
    const first = inventory([{ name: "Datadog", trust: datadogTrust(externalId), inline: { r: readOnly } }], report("2026-01-01T00:00:00+00:00"));
    const diff = diffAccount({ roles: [], trusts: [], resources: [], users: [], keys: [] }, first, actionsOf([first]));
    expect(kinds(diff.events)).toEqual([
      `TRUST_ADDED: Datadog (${DATADOG}) can now assume ${ACCOUNT}/Datadog (low)`,
      `KEY_CREATED: Created access key 1 of partner-bot in ${ACCOUNT}`,
    ]);
    expect(diff.roles.insert).toHaveLength(1);
    expect(diff.users.insert).toHaveLength(1);
  });

  it("an ExternalId dropped: the state change, the finding raised and the risk", () => {
    const before = inventory([{ name: "Datadog", trust: datadogTrust(externalId), inline: { r: readOnly } }]);
    const after = inventory([{ name: "Datadog", trust: datadogTrust(), inline: { r: readOnly } }]);
    const diff = diffAccount(stored(before), after, actionsOf([before, after]));
    expect(kinds(diff.events)).toEqual([
      `EXTERNAL_ID_CHANGED: ExternalId required → missing: Datadog (${DATADOG}) → ${ACCOUNT}/Datadog`,
      `FINDING_RAISED: New finding "No ExternalId required": Datadog (${DATADOG}) → ${ACCOUNT}/Datadog`,
      `RISK_CHANGED: Risk low → medium: Datadog (${DATADOG}) → ${ACCOUNT}/Datadog`,
    ]);
    expect(diff.trusts.update).toHaveLength(1);
    expect(diff.roles.update).toHaveLength(1); // its trust policy changed
  });

  it("the account root replaced by one of the vendor's roles is a change of principal", () => {
    const before = inventory([{ name: "Datadog", trust: datadogTrust(externalId), inline: { r: readOnly } }]);
    const after = inventory([
      { name: "Datadog", trust: policy(allow({ AWS: `arn:aws:iam::${DATADOG}:role/DatadogIntegration` }, externalId)), inline: { r: readOnly } },
    ]);
    const diff = diffAccount(stored(before), after, actionsOf([before, after]));
    expect(kinds(diff.events)).toEqual([
      `PRINCIPAL_CHANGED: Trusted principal arn:aws:iam::${DATADOG}:root → arn:aws:iam::${DATADOG}:role/DatadogIntegration: ${ACCOUNT}/Datadog`,
    ]);
    expect(diff.trusts.close).toHaveLength(1);
    expect(diff.trusts.insert).toHaveLength(1);
  });

  it("permissions widened, with the finding it raises", () => {
    const before = inventory([{ name: "Datadog", trust: datadogTrust(externalId), inline: { r: readOnly } }]);
    const after = inventory([{ name: "Datadog", trust: datadogTrust(externalId), inline: { r: withDelete } }]);
    const diff = diffAccount(stored(before), after, actionsOf([before, after]));
    expect(kinds(diff.events)).toEqual([
      `FINDING_RAISED: New finding "Can delete or stop resources": Datadog (${DATADOG}) → ${ACCOUNT}/Datadog`,
      `FINDING_RAISED: New finding "Can change resources": Datadog (${DATADOG}) → ${ACCOUNT}/Datadog`,
      `RISK_CHANGED: Risk low → medium: Datadog (${DATADOG}) → ${ACCOUNT}/Datadog`,
      `PERMISSIONS_WIDENED: Permissions widened by 1 action: Datadog (${DATADOG}) → ${ACCOUNT}/Datadog`,
    ]);
    expect(diff.events.at(-1)?.after).toMatchObject({ actions: ["ec2:TerminateInstances"], count: 1 });
    const narrowed = diffAccount(stored(after), before, actionsOf([before, after]));
    expect(kinds(narrowed.events)).toContain(`PERMISSIONS_NARROWED: Permissions narrowed by 1 action: Datadog (${DATADOG}) → ${ACCOUNT}/Datadog`);
  });

  it("a trust removed and another added", () => {
    const before = inventory([{ name: "Datadog", trust: datadogTrust(externalId), inline: { r: readOnly } }]);
    const after = inventory([{ name: "Other", trust: policy(allow({ AWS: "999988887777" })), inline: { r: readOnly } }]);
    const diff = diffAccount(stored(before), after, actionsOf([before, after]));
    expect(kinds(diff.events)).toEqual([
      `TRUST_REMOVED: Datadog (${DATADOG}) can no longer assume ${ACCOUNT}/Datadog`,
      `TRUST_ADDED: unknown account 999988887777 can now assume ${ACCOUNT}/Other (high)`,
    ]);
    expect(diff.roles.close).toHaveLength(1);
    expect(diff.roles.insert).toHaveLength(1);
  });

  it("access keys rotated, deactivated and deleted", () => {
    const roles = [{ name: "Datadog", trust: datadogTrust(externalId), inline: { r: readOnly } }];
    const before = inventory(roles, report("2026-01-01T00:00:00+00:00"));
    const rotated = diffAccount(stored(before), inventory(roles, report("2026-11-01T00:00:00+00:00")), actionsOf([before]));
    expect(kinds(rotated.events)).toEqual([`KEY_ROTATED: Rotated access key 1 of partner-bot in ${ACCOUNT}`]);
    const deactivated = diffAccount(stored(before), inventory(roles, report("2026-01-01T00:00:00+00:00", false)), actionsOf([before]));
    expect(kinds(deactivated.events)).toEqual([`KEY_DEACTIVATED: Deactivated access key 1 of partner-bot in ${ACCOUNT}`]);
    const deleted = diffAccount(stored(before), inventory(roles, report("N/A", false)), actionsOf([before]));
    expect(kinds(deleted.events)).toEqual([`KEY_DELETED: Deleted access key 1 of partner-bot in ${ACCOUNT}`]);
  });

  it("keeps keys when the credential report is missing: unknown is not deleted", () => {
    const roles = [{ name: "Datadog", trust: datadogTrust(externalId), inline: { r: readOnly } }];
    const before = inventory(roles, report("2026-01-01T00:00:00+00:00"));
    const diff = diffAccount(stored(before), inventory(roles), actionsOf([before]));
    expect(diff.events).toEqual([]);
    expect(diff.keys).toEqual({ insert: [], update: [], close: [] });
  });
});
