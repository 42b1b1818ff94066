/**
 * lib/scan/nameAccount: naming the vendor behind an unknown account is an attribution, not a
 * scan. The inventory says the new name at once; the last scan stays the last scan, with its
 * changes; the history records a rename, never new or removed access.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { CHANGE } from "@/lib/history/changeKinds";
import { overview } from "@/lib/queries/overview";
import { listScans } from "@/lib/queries/scans";
import { listVendors } from "@/lib/queries/vendors";
import { reportBasis, reportPeriod } from "@/lib/reports/reportBasis";
import { organizationSummaryFile } from "@/lib/reports/reportFiles";
import { nameExternalAccount } from "@/lib/scan/nameAccount";
import { pdfText } from "@/testkit/pdfText";
import { acmeInventory, type AcmeInventory } from "../queries/acmeInventory";

const UNKNOWN = "777766665555";
let db: AcmeInventory["db"];
let store: InventoryStore;

beforeAll(async () => {
  ({ db } = await acmeInventory());
  store = await InventoryStore.open(db, await loadActionCatalog());
});
afterAll(() => db?.dispose());

describe("naming an unknown account", () => {
  it("shows the new name everywhere at once, and leaves the last scan, its changes, the trend and the scan list as they were", async () => {
    // The account the unknown one reaches could not be read by the last scan: naming must not make it look fresh.
    const stale = { staleSince: new Date("2026-11-30T00:00:00Z"), lastError: "AccessDenied: the scanner's role is gone" };
    await db.prisma.account.update({ where: { id: "210000000001" }, data: stale });
    const freshness = { select: { lastScanId: true, lastSuccessScanId: true, lastSuccessAt: true, lastError: true, staleSince: true }, where: { id: "210000000001" } } as const;
    const accountBefore = await db.prisma.account.findUniqueOrThrow(freshness);
    const before = await overview(db.prisma);
    const scansBefore = await listScans(db.prisma);
    const basisBefore = await reportBasis(db.prisma);
    const unknown = (await listVendors(db.prisma, { kind: "account" })).rows.find((v) => v.externalAccounts.includes(UNKNOWN))!;
    expect(unknown.riskFindings).toContain("UNKNOWN_VENDOR");

    const pass = (await nameExternalAccount(store, UNKNOWN, "Acme Billing Partner", "admin@example.com"))!;
    expect(pass.status).toBe("succeeded");

    const vendors = await listVendors(db.prisma, {});
    const named = vendors.rows.find((v) => v.name === "Acme Billing Partner")!;
    expect(named).toMatchObject({ source: "user", externalAccounts: [UNKNOWN] });
    expect(named.riskFindings).not.toContain("UNKNOWN_VENDOR");
    expect(vendors.rows.map((v) => v.party)).not.toContain(unknown.party);

    const after = await overview(db.prisma);
    expect(after.lastScan).toEqual(before.lastScan);
    expect(after.lastChanges).toEqual(before.lastChanges);
    expect(after.trend).toEqual(before.trend);
    expect(await listScans(db.prisma)).toEqual(scansBefore);
    expect(await reportBasis(db.prisma, basisBefore.generatedAt)).toEqual(basisBefore);
    expect(await db.prisma.account.findUniqueOrThrow(freshness)).toEqual({ ...accountBefore, ...stale });
    expect(after.staleAccounts.map((a) => a.id)).toContain("210000000001");
  });

  it("records a rename: who named whom, and no access gained or lost", async () => {
    const pass = await db.prisma.scan.findFirstOrThrow({ where: { trigger: "mapping" } });
    expect(pass.source).toBe("attribution");
    const events = await db.prisma.changeEvent.findMany({ where: { scanId: pass.id }, orderBy: { id: "asc" } });
    const kinds = new Set(events.map((e) => e.kind));
    expect(kinds).toContain(CHANGE.ATTRIBUTED);
    expect(kinds).toContain(CHANGE.VENDOR_CHANGED);
    for (const gainedOrLost of [CHANGE.VENDOR_APPEARED, CHANGE.VENDOR_DISAPPEARED, CHANGE.TRUST_ADDED, CHANGE.TRUST_REMOVED]) expect(kinds).not.toContain(gainedOrLost);
    expect(events.find((e) => e.kind === CHANGE.ATTRIBUTED)).toMatchObject({
      party: "vendor:Acme Billing Partner",
      externalAccountId: UNKNOWN,
      summary: `Unknown account ${UNKNOWN} named Acme Billing Partner by admin@example.com`,
    });

    // The period's summary lists no access that appeared or went away because of the name.
    const { text } = await pdfText((await organizationSummaryFile(db.prisma, reportPeriod(null, null))).body as Buffer);
    expect(text).toContain("Based on: scan #2 of");
    expect(text.slice(text.indexOf("Vendor access removed in the period"))).toMatch(/^Vendor access removed in the period \nNo vendor access was removed\./);
  });
});
