/** lib/queries/scans: a scan's detail. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanDetail } from "@/lib/queries/scans";
import { acmeInventory, type AcmeInventory } from "./acmeInventory";

let db: AcmeInventory["db"];
let secondScan: number;

beforeAll(async () => {
  ({ db, secondScan } = await acmeInventory());
});
afterAll(() => db?.dispose());

describe("scans", () => {
  it("a scan's changes grouped by kind", async () => {
    const detail = (await scanDetail(db.prisma, secondScan))!;
    expect(detail.kinds.map((k) => k.kind)).toEqual(["KEY_CREATED", "TRUST_ADDED"]);
    expect((await scanDetail(db.prisma, secondScan, { kind: "TRUST_ADDED" }))!.events.map((e) => e.summary)).toEqual(["GitHub Actions can now assume 210000000002/legacy-ci (critical)"]);
  });
});
