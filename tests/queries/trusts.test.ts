/** lib/queries/trusts: the trust list. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTrusts } from "@/lib/queries/trusts";
import { acmeInventory, type AcmeInventory } from "./acmeInventory";

let db: AcmeInventory["db"];

beforeAll(async () => {
  ({ db } = await acmeInventory());
});
afterAll(() => db?.dispose());

describe("trusts", () => {
  it("lists third-party trusts by default, and internal ones on request", async () => {
    expect((await listTrusts(db.prisma, {})).total).toBe(11);
    expect((await listTrusts(db.prisma, { scope: "internal" })).rows.map((t) => t.roleName).sort()).toEqual(["OrganizationAccountAccessRole", "OrganizationAccountAccessRole", "OrganizationAccountAccessRole", "org-readers"]);
    expect((await listTrusts(db.prisma, { q: "contractor" })).rows.map((t) => [t.roleName, t.partyName, t.risk])).toEqual([["contractor-admin", "Initech Consulting", "critical"]]);
    expect((await listTrusts(db.prisma, { finding: "DANGLING_PRINCIPAL" })).rows.map((t) => t.principal)).toEqual(["AROA3XFRBF535PLBIFPI4"]);
  });
});
