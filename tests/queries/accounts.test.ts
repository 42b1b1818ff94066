/** lib/queries/accounts: the accounts list. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAccounts } from "@/lib/queries/accounts";
import { acmeInventory, type AcmeInventory } from "./acmeInventory";

let db: AcmeInventory["db"];

beforeAll(async () => {
  ({ db } = await acmeInventory());
});
afterAll(() => db?.dispose());

describe("accounts", () => {
  it("accounts with their worst risk; the one never exported is 'never read'", async () => {
    const accounts = await listAccounts(db.prisma, {});
    expect(accounts.rows[0]).toMatchObject({ id: "210000000002", risk: "critical" });
    expect((await listAccounts(db.prisma, { state: "never" })).rows.map((a) => a.id)).toEqual(["210000000005"]);
  });
});
