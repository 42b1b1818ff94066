/** lib/queries/vendorDetail: a vendor's page. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalog } from "@/lib/analysis/actionCatalog";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { vendorDetail } from "@/lib/queries/vendorDetail";
import { acmeInventory, type AcmeInventory } from "./acmeInventory";

let catalog: ActionCatalog;
let db: AcmeInventory["db"];

beforeAll(async () => {
  ({ catalog, db } = await acmeInventory());
});
afterAll(() => db?.dispose());

describe("a vendor's page", () => {
  it("gathers where it gets in, what it can do, its findings and its history", async () => {
    const summaries = await PermissionSummaries.create(db.prisma, catalog);
    const datadog = (await vendorDetail(db.prisma, summaries, "vendor:Datadog"))!;
    expect(datadog.trusts.map((t) => [t.accountId, t.roleName, t.externalId, t.risk])).toEqual([
      ["210000000003", "DatadogAWSIntegrationRole", "weak", "high"],
      ["210000000002", "DatadogAWSIntegrationRole", "required", "medium"],
    ]);
    expect(datadog.services.map((s) => s.service)).toEqual(["ec2", "cloudwatch", "logs"]);
    expect(datadog.risky).toEqual({ privilegeEscalation: [], destructive: [], costImpact: [], dataAccess: ["logs:FilterLogEvents"] });
    // The most severe first, each naming what this vendor holds where the rule can.
    expect(datadog.findings.map((f) => [f.code, f.trusts, f.held])).toEqual([
      ["WEAK_EXTERNAL_ID", 1, []],
      ["DATA_ACCESS", 2, ["logs:FilterLogEvents"]],
      ["ROOT_PRINCIPAL", 2, []],
    ]);
    expect(datadog.findings[2]!.remediation).toMatch(/Trust the vendor's specific role ARN/);
    expect(datadog.riskReason).toBe("it can change, delete, launch or read data, with an ExternalId that accepts any value");
    expect(new Set(datadog.history.map((e) => e.kind))).toEqual(new Set(["TRUST_ADDED", "VENDOR_APPEARED"]));
    expect(await vendorDetail(db.prisma, summaries, "vendor:Nobody")).toBeNull();
  });

  it("keeps a vendor's history after its access is gone", async () => {
    const summaries = await PermissionSummaries.create(db.prisma, catalog);
    const github = (await vendorDetail(db.prisma, summaries, "vendor:GitHub Actions"))!;
    expect(github.history.map((e) => e.summary)).toContain("GitHub Actions can now assume 210000000002/legacy-ci (critical)");
  });
});
