/** lib/reports/organizationSummary: the CISO's summary reads as a story, with the evidence after it. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { silentProgress } from "@/lib/scan/progress";
import { importFiles } from "@/lib/scan/sources/fileImport";
import { organizationSummary, organizationSummaryPdf } from "@/lib/reports/organizationSummary";
import { reportPeriod } from "@/lib/reports/reportBasis";
import { pdfText } from "@/testkit/pdfText";
import { acmeInventory, type AcmeInventory } from "../queries/acmeInventory";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
let db: AcmeInventory["db"];

beforeAll(async () => {
  ({ db } = await acmeInventory());
});
afterAll(() => db?.dispose());

describe("the organization summary", () => {
  it("starts with what changed, the top risks and why, what to remove and what to review, in words", async () => {
    const summary = await organizationSummary(db.prisma, reportPeriod(null, null));
    const { text } = await pdfText(await organizationSummaryPdf(summary));
    const brief = text.slice(text.indexOf("In brief"), text.indexOf("Exposure")).replace(/\s+/g, " ");
    expect(brief).toMatch(/What changed: \d+ parties gained access/);
    expect(brief).toContain("Top risk: GitHub Actions is critical because any user of the identity provider can assume the role (any OIDC user)");
    expect(brief).toMatch(/What to remove: 3 vendors hold access nobody used in 90 days/);
    expect(brief).toContain("What to review: name 1 unknown account; fix the scan of 1 account.");
    expect(brief).not.toMatch(/[A-Z]{3,}_[A-Z]+/); // findings in words, never codes
  });

  it("lists risk that grew, not only trusts that came and went", async () => {
    // A third scan: Datadog's role in prod no longer asks for an ExternalId.
    const dir = mkdtempSync(join(tmpdir(), "vs-summary-"));
    cpSync(ACME, dir, { recursive: true });
    const path = join(dir, "prod-authz.json");
    const prod = JSON.parse(readFileSync(path, "utf8"));
    delete prod.RoleDetailList.find((r: { RoleName: string }) => r.RoleName === "DatadogAWSIntegrationRole").AssumeRolePolicyDocument.Statement[0].Condition;
    writeFileSync(path, JSON.stringify(prod));
    await importFiles(await InventoryStore.open(db, await loadActionCatalog()), dir, { trigger: "test" }, silentProgress);

    const summary = await organizationSummary(db.prisma, reportPeriod(null, null));
    expect(summary.grew.map((g) => g.label).sort()).toEqual(["ExternalId weakened", "Finding raised", "Risk raised"]);
    expect(summary.grew.map((g) => g.label)).toContain("Risk raised");
    const { text } = await pdfText(await organizationSummaryPdf(summary));
    expect(text.slice(text.indexOf("Risk that grew in the period"))).toMatch(/Risk raised/);
  });

  it("draws the trend from the last scans when the period holds too few", async () => {
    const all = await organizationSummary(db.prisma, reportPeriod(null, null));
    expect(all.trend.map((p) => p.scanId)).toEqual([1, 2, 3]);
    expect(all.trendNote).toBeNull();
    const later = new Date(Date.now() + 200 * 86_400_000);
    const empty = await organizationSummary(db.prisma, reportPeriod(new Date(Date.now() + 100 * 86_400_000), later));
    expect(empty.trend.map((p) => p.scanId)).toEqual([1, 2, 3]);
    expect(empty.trendNote).toBe("The period holds 0 scans: the trend shows the last 3 before its end.");
  });
});
