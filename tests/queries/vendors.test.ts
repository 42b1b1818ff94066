/** lib/queries/vendors: the vendor list, its filters, paging and sorting. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listVendors } from "@/lib/queries/vendors";
import { acmeInventory, type AcmeInventory } from "./acmeInventory";

let db: AcmeInventory["db"];

beforeAll(async () => {
  ({ db } = await acmeInventory());
});
afterAll(() => db?.dispose());

describe("vendors list", () => {
  it("lists every party with access, riskiest first", async () => {
    const result = await listVendors(db.prisma, {});
    expect(result.total).toBe(9);
    expect(result.rows.slice(0, 4).map((v) => v.risk)).toEqual(["critical", "critical", "critical", "critical"]);
    expect(result.rows.find((v) => v.name === "Initech Consulting")).toMatchObject({ source: "user", accounts: 1, trusts: 1, findings: ["ADMIN_ACCESS", "NO_EXTERNAL_ID", "ROOT_PRINCIPAL"] });
    expect(result.rows.find((v) => v.name === "GitHub Actions")).toMatchObject({ source: "identity provider", findings: ["OIDC_UNRESTRICTED"] });
    expect(result.rows.find((v) => v.name === "Datadog")).toMatchObject({ source: "known", accounts: 2, externalAccounts: ["464622532012"] });
  });

  it("shows beside each risk above low the findings that set it, the most severe first, then the other headline findings", async () => {
    const { rows } = await listVendors(db.prisma, {});
    // Datadog is high through data access behind a weak ExternalId: neither is a headline finding.
    expect(rows.find((v) => v.name === "Datadog")).toMatchObject({ risk: "high", findings: ["ROOT_PRINCIPAL"], riskFindings: ["WEAK_EXTERNAL_ID", "DATA_ACCESS", "ROOT_PRINCIPAL"] });
    expect(rows.find((v) => v.name === "Initech Consulting")!.riskFindings).toEqual(["ADMIN_ACCESS", "PRIVILEGE_ESCALATION", "NO_EXTERNAL_ID", "ROOT_PRINCIPAL"]);
    for (const v of rows.filter((r) => r.risk !== "low")) {
      expect(["ROOT_PRINCIPAL", "UNUSED", "DANGLING_PRINCIPAL"], v.name).not.toContain(v.riskFindings[0]);
    }
  });

  it("filters by risk, finding, our account, kind and text, and pages", async () => {
    expect((await listVendors(db.prisma, { risk: "low" })).rows.map((v) => v.name).sort()).toEqual(["Cloudhealth", "Deleted principal AROA3XFRBF535PLBIFPI4", "Rackspace"]);
    expect((await listVendors(db.prisma, { finding: "WEAK_EXTERNAL_ID" })).rows.map((v) => v.name)).toEqual(["Datadog"]);
    expect((await listVendors(db.prisma, { account: "210000000003" })).rows.map((v) => v.name).sort()).toEqual(["Datadog", "Snyk"]);
    expect((await listVendors(db.prisma, { kind: "account" })).rows.map((v) => v.name)).toEqual(["Unknown account 777766665555"]);
    expect((await listVendors(db.prisma, { q: "7777" })).rows.map((v) => v.name).sort()).toEqual(["Initech Consulting", "Unknown account 777766665555"]);
    expect((await listVendors(db.prisma, { q: "datadog" })).rows.map((v) => v.name)).toEqual(["Datadog"]);
    expect((await listVendors(db.prisma, { q: "100%_" })).total).toBe(0);
    const page2 = await listVendors(db.prisma, { page: 2 });
    expect(page2).toMatchObject({ total: 9, page: 2, rows: [] });
  });

  it("sorts by name, ignoring the kind of party", async () => {
    const names = (await listVendors(db.prisma, { sort: "name" })).rows.map((v) => v.party.replace(/^[a-z]+:/, "").toLowerCase());
    expect(names).toEqual([...names].sort());
  });
});
