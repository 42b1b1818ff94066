import { beforeAll, describe, expect, it } from "vitest";
import { compilePolicy, effectivePermissions, type NamedPolicy } from "@/lib/analysis/permissions";
import { parsePolicyDocument } from "@/lib/analysis/policyDocument";
import { RiskLists } from "@/lib/analysis/riskLists";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { policy, type StatementInput } from "../helpers/policies";

let risk: RiskLists;
beforeAll(async () => {
  risk = new RiskLists(await loadActionCatalog());
});

const named = (name: string, ...statements: StatementInput[]): NamedPolicy => ({
  name,
  compiled: compilePolicy(parsePolicyDocument(policy(...statements)), risk.catalog),
});
const allowAll = (Action: unknown, Resource: unknown = "*", extra: StatementInput = {}) => ({ Effect: "Allow", Action, Resource, ...extra });
const permissions = (policies: NamedPolicy[], boundary: NamedPolicy | null = null) => effectivePermissions(policies, boundary, [], risk).summary;

describe("what a role can do", () => {
  it("recognises administrator access: every action on every resource", () => {
    const admin = permissions([named("AdministratorAccess", allowAll("*"))]);
    expect(admin.admin).toBe(true);
    expect(admin.actionCount).toBe(risk.catalog.size);
    expect(permissions([named("Scoped", allowAll("*", "arn:aws:s3:::bucket/*"))]).admin).toBe(false);
    expect(permissions([named("Conditional", allowAll("*", "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }))]).admin).toBe(false);
  });

  it("PowerUserAccess (NotAction iam:*) is not admin but is destructive and costly", () => {
    const p = permissions([named("PowerUserAccess", { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" })]);
    expect(p.admin).toBe(false);
    expect(p.destructive).toContain("ec2:TerminateInstances");
    expect(p.costImpact).toContain("ec2:RunInstances");
    expect(p.privilegeEscalation).not.toContain("AttachRolePolicy");
    expect(p.privilegeEscalation).toContain("UpdateFunctionCode");
  });

  it("takes away actions an unconditional Deny on * removes, but not conditional or scoped Denies", () => {
    const p = permissions([named("p", allowAll("s3:*"), { Effect: "Deny", Action: "s3:Delete*", Resource: "*" })]);
    expect(p.destructive.filter((a) => a.startsWith("s3:Delete"))).toEqual([]);
    const scoped = permissions([named("p", allowAll("s3:*"), { Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::b/*" })]);
    expect(scoped.destructive).toContain("s3:DeleteObject");
    const conditional = permissions([
      named("p", allowAll("s3:*"), { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    ]);
    expect(conditional.destructive).toContain("s3:DeleteObject");
  });

  it("a Deny in one policy applies to what another allows", () => {
    const p = permissions([named("Admin", allowAll("*")), named("NoIam", { Effect: "Deny", Action: "iam:*", Resource: "*" })]);
    expect(p.admin).toBe(false);
    expect(p.privilegeEscalation).not.toContain("CreatePolicyVersion");
  });

  it("intersects with the permissions boundary: admin under an S3-read boundary is S3 read", () => {
    const p = permissions([named("AdministratorAccess", allowAll("*"))], named("S3ReadBoundary", allowAll(["s3:Get*", "s3:List*"])));
    expect(p.admin).toBe(false);
    expect(p.services.map((s) => s.service)).toEqual(["s3"]);
    expect(p.accessLevels).toEqual(["List", "Read"]);
    expect(p.dataAccess).toEqual(["s3:GetObject", "s3:GetObjectVersion"]);
    expect(p.destructive).toEqual([]);
    expect(p.boundary).toBe("S3ReadBoundary");
  });

  it("detects privilege escalation only when every action of a method is granted", () => {
    expect(permissions([named("p", allowAll("iam:PassRole"))]).privilegeEscalation).toEqual([]);
    expect(permissions([named("p", allowAll(["iam:PassRole", "ec2:RunInstances"]))]).privilegeEscalation).toEqual(["PassRole+RunInstances"]);
    expect(permissions([named("p", allowAll(["iam:PassRole"])), named("q", allowAll(["lambda:CreateFunction", "lambda:InvokeFunction"]))]).privilegeEscalation).toEqual([
      "PassRole+Lambda+Invoke",
    ]);
    expect(permissions([named("p", allowAll("iam:CreatePolicyVersion"))]).privilegeEscalation).toEqual(["CreatePolicyVersion"]);
  });

  it("sorts read-only access into no risky category", () => {
    const p = permissions([named("ViewOnly", allowAll(["ec2:Describe*", "s3:ListAllMyBuckets", "cloudwatch:GetMetricData"]))]);
    expect(p).toMatchObject({ admin: false, privilegeEscalation: [], destructive: [], costImpact: [], dataAccess: [], writeActionCount: 0 });
    expect(p.accessLevels).toEqual(["List", "Read"]);
  });

  it("keeps which resources each grant covers, and the policy behind it", () => {
    const p = permissions([named("ReadReports", allowAll("s3:GetObject", ["arn:aws:s3:::reports/*"], { Sid: "Reports" }))]);
    expect(p.grants).toEqual([
      { policy: "ReadReports", statement: 0, sid: "Reports", actions: ["s3:GetObject"], notActions: null, resources: ["arn:aws:s3:::reports/*"], notResources: null, conditional: false },
    ]);
  });

  it("lists actions the catalogue does not know, rather than dropping them", () => {
    expect(permissions([named("p", allowAll(["s3:GetObject", "s3:GetObjectFromTheFuture"]))]).unknownActions).toEqual(["s3:getobjectfromthefuture"]);
  });

  it("gives the same fingerprint to the same access and a different one otherwise", () => {
    const a = permissions([named("p", allowAll("s3:Get*"))]).fingerprint;
    expect(permissions([named("p", allowAll("s3:Get*"))]).fingerprint).toBe(a);
    expect(permissions([named("p", allowAll("s3:Get*", "arn:aws:s3:::x/*"))]).fingerprint).not.toBe(a);
  });
});

describe("the risk lists", () => {
  it("name only actions that exist (a typo would silently match nothing)", () => {
    expect(risk.costImpact.count()).toBeGreaterThan(30);
    expect(risk.dataAccess.count()).toBeGreaterThan(25);
    expect(risk.escalation.every((m) => !m.actions.isEmpty())).toBe(true);
  });

  it("call Delete/Terminate/Stop writes destructive, and reads not", () => {
    const has = (set: typeof risk.destructive, action: string) => set.has(risk.catalog.indexOf(action)!);
    expect(has(risk.destructive, "ec2:TerminateInstances")).toBe(true);
    expect(has(risk.destructive, "rds:StopDBInstance")).toBe(true);
    expect(has(risk.destructive, "kms:ScheduleKeyDeletion")).toBe(true);
    expect(has(risk.destructive, "s3:GetObject")).toBe(false);
    expect(has(risk.write, "iam:AttachRolePolicy")).toBe(true);
    expect(has(risk.write, "ec2:DescribeInstances")).toBe(false);
  });
});
