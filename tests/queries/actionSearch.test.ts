/** lib/queries/actionSearch: who can perform an action. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalog } from "@/lib/analysis/actionCatalog";
import { grantsFor, searchActions } from "@/lib/queries/actionSearch";
import { acmeInventory, type AcmeInventory } from "./acmeInventory";

let catalog: ActionCatalog;
let db: AcmeInventory["db"];

beforeAll(async () => {
  ({ catalog, db } = await acmeInventory());
});
afterAll(() => db?.dispose());

describe("action search", () => {
  it("finds who can perform an exact action, and the policy that grants it", async () => {
    const result = await searchActions(db.prisma, catalog, { q: "ec2:TerminateInstances" });
    expect(result).toMatchObject({ matchedActions: 1, error: null });
    expect(result.rows.map((r) => [r.partyName, r.roleName])).toEqual([
      ["GitHub Actions", "legacy-ci"],
      ["Initech Consulting", "contractor-admin"],
    ]);
    expect(result.rows.find((r) => r.roleName === "contractor-admin")!.grantedBy).toEqual([{ policy: "arn:aws:iam::aws:policy/AdministratorAccess", statement: 0, sid: null }]);
  });

  it("expands wildcards and services, and filters by access level", async () => {
    const wildcard = await searchActions(db.prisma, catalog, { q: "s3:Get*" });
    expect(wildcard.matchedActions).toBeGreaterThan(30);
    expect(new Set(wildcard.rows.map((r) => r.partyName))).toEqual(new Set(["GitHub Actions", "Initech Consulting", "Anyone (public trust)", "Unknown account 777766665555", "Snyk", "Rackspace"]));
    const logsRead = await searchActions(db.prisma, catalog, { q: "logs", level: "Read" });
    expect(logsRead.rows.map((r) => r.partyName)).toContain("Datadog");
    const internal = await searchActions(db.prisma, catalog, { q: "iam:CreateAccessKey", scope: "internal" });
    expect(internal.rows.map((r) => r.roleName)).toEqual(["OrganizationAccountAccessRole", "OrganizationAccountAccessRole", "OrganizationAccountAccessRole"]);
  });

  it("says what is wrong with a bad query instead of matching nothing", async () => {
    expect((await searchActions(db.prisma, catalog, { q: "drop table" })).error).toMatch(/is not an action pattern/);
    expect((await searchActions(db.prisma, catalog, { q: "s3:NoSuchAction" })).error).toBe("no AWS action is called s3:NoSuchAction");
  });

  it("reads NotAction grants as everything but those", () => {
    const grants = [{ policy: "PowerUser", statement: 0, sid: null, actions: null, notActions: ["iam:*"], resources: ["*"], notResources: null, conditional: false }];
    expect(grantsFor(grants, ["ec2:TerminateInstances"])).toHaveLength(1);
    expect(grantsFor(grants, ["iam:CreateUser"])).toHaveLength(0);
  });
});
