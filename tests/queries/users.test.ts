/** lib/queries/users: IAM users with access keys. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listUsersWithKeys } from "@/lib/queries/users";
import { acmeInventory, type AcmeInventory } from "./acmeInventory";

let db: AcmeInventory["db"];

beforeAll(async () => {
  ({ db } = await acmeInventory());
});
afterAll(() => db?.dispose());

describe("IAM users with keys", () => {
  it("attributes users by tag, path and the admin's choice, and filters by key state", async () => {
    const now = new Date("2026-11-27T00:00:00Z");
    const all = await listUsersWithKeys(db.prisma, { now });
    expect(all.rows.map((u) => [u.name, u.vendor, u.attributedBy])).toEqual([
      ["acme-backup", "Acme Backup", "path"],
      ["ci-deployer", null, null],
    ]);
    expect((await listUsersWithKeys(db.prisma, { now, state: "never-used" })).rows.map((u) => u.name)).toEqual(["ci-deployer"]);
    expect((await listUsersWithKeys(db.prisma, { now, state: "older-than-90d" })).rows.map((u) => u.name)).toEqual(["ci-deployer"]);
    await db.prisma.userAttribution.create({ data: { userArn: "arn:aws:iam::210000000001:user/ci-deployer", vendorName: "Globex" } });
    expect((await listUsersWithKeys(db.prisma, { now, attribution: "unattributed" })).total).toBe(0);
  });
});
