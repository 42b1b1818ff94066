/** lib/queries/overview: the overview page. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overview } from "@/lib/queries/overview";
import { acmeInventory, type AcmeInventory } from "./acmeInventory";

let db: AcmeInventory["db"];
let secondScan: number;

beforeAll(async () => {
  ({ db, secondScan } = await acmeInventory());
});
afterAll(() => db?.dispose());

describe("overview", () => {
  it("totals, trend over scans and the last scan's changes", async () => {
    const data = await overview(db.prisma);
    expect(data.totals).toMatchObject({ vendors: 9, externalAccounts: 6, trusts: 11, risk: { critical: 4, high: 2, medium: 2, low: 3 }, usersWithKeys: 2, accounts: 5 });
    expect(data.trend.map((p) => p.critical)).toEqual([3, 4]);
    expect(data.lastScan?.id).toBe(secondScan);
    expect(data.lastChanges.map((e) => e.kind)).toContain("TRUST_ADDED");
    expect(data.riskiest).toHaveLength(9); // up to ten, riskiest first
    // A deleted principal's unused trust is nobody's access: not counted.
    expect(data.attention).toEqual({ public: 1, publicResources: 0, escalation: 3, unknown: 1, unused: 2 });
    // The changes shown are the last scan's third-party ones, the most alarming first, with their total.
    expect(data.lastChanges[0]!.meaning.tone).toBe("alarm");
    expect(data.lastChangesTotal).toBe(await db.prisma.changeEvent.count({ where: { scanId: secondScan, OR: [{ party: null }, { party: { not: "internal" } }] } }));
    expect(data.lastChanges.every((e) => e.party !== "internal")).toBe(true);
  });
});
