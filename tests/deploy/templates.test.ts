/**
 * What deploy/ grants, as a specification: the CloudFormation templates and the plain IAM JSON
 * allow exactly the operations the scanner calls (lib/aws/readOnlyOperations.ts), each named
 * one by one, and the member audit role trusts only the scanner's principal, with an ExternalId.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_MEMBER_ROLE } from "@/lib/aws/memberCredentials";
import { iamActions, MANAGEMENT_ACCOUNT_OPERATIONS, MEMBER_ACCOUNT_OPERATIONS, READ_ONLY_OPERATIONS } from "@/lib/aws/readOnlyOperations";

const ROOT = new URL("../../", import.meta.url).pathname;
const MEMBER_TEMPLATE = "deploy/cloudformation/member-audit-role.yaml";
const MANAGEMENT_TEMPLATE = "deploy/cloudformation/management-scanner-role.yaml";
const IAM_JSON = ["deploy/iam/management-scanner-policy.json", "deploy/iam/member-audit-policy.json", "deploy/iam/member-audit-trust.json"];

interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}
interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}
interface Parameter {
  Type: string;
  Default?: string;
  NoEcho?: boolean;
  MinLength?: number;
  AllowedPattern?: string;
}
interface RoleProperties {
  RoleName: unknown;
  MaxSessionDuration?: number;
  AssumeRolePolicyDocument: PolicyDocument;
  Policies?: { PolicyName: string; PolicyDocument: PolicyDocument }[];
  ManagedPolicyArns?: unknown;
  PermissionsBoundary?: unknown;
}
interface Template {
  Parameters: Record<string, Parameter>;
  Resources: Record<string, { Type: string; Properties: RoleProperties }>;
  Outputs: Record<string, { Value: unknown }>;
}

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const template = (path: string) => parse(read(path)) as Template;
const json = (path: string) => JSON.parse(read(path)) as PolicyDocument;

/** The template's only resource, which must be an IAM role. */
function onlyRole(t: Template): { id: string; role: RoleProperties } {
  const resources = Object.entries(t.Resources);
  expect(resources.map(([, r]) => r.Type)).toEqual(["AWS::IAM::Role"]);
  const [id, resource] = resources[0]!;
  return { id, role: resource.Properties };
}

/** The role's permissions: its inline policies, and nothing attached from elsewhere. */
function permissions(role: RoleProperties): Statement[] {
  expect(role.ManagedPolicyArns).toBeUndefined();
  expect(role.PermissionsBoundary).toBeUndefined();
  return (role.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement);
}

const actions = (statements: Statement[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : s.Action === undefined ? [] : [s.Action]));

/** Evaluates `Ref` and `Fn::Sub` as CloudFormation would, with these parameter values. */
function resolve(value: unknown, params: Record<string, string>): unknown {
  const lookup = (name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for ${name}`);
    return v;
  };
  if (Array.isArray(value)) return value.map((v) => resolve(v, params));
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    const [key, arg] = entries[0] ?? [];
    if (entries.length === 1 && key === "Ref") return lookup(arg as string);
    if (entries.length === 1 && key === "Fn::Sub") return (arg as string).replace(/\$\{([\w:]+)\}/g, (_, name: string) => lookup(name));
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v, params)]));
  }
  return value;
}

/** Parameter defaults, plus the pseudo parameter the templates use, in the commercial partition. */
const defaults = (t: Template) => ({
  "AWS::Partition": "aws",
  ...Object.fromEntries(Object.entries(t.Parameters).flatMap(([name, p]) => (p.Default === undefined ? [] : [[name, p.Default]]))),
});

/** Whether CloudFormation would accept `value` for a parameter with this AllowedPattern (whole-string match). */
const accepts = (p: Parameter, value: string) => new RegExp(`^(?:${p.AllowedPattern ?? ".*"})$`).test(value);

describe(`the member-account audit role (${MEMBER_TEMPLATE})`, () => {
  const t = template(MEMBER_TEMPLATE);
  const { id, role } = onlyRole(t);

  it("is a single IAM role, with no policy attached from elsewhere", () => {
    expect(Object.values(t.Resources).map((r) => r.Type)).toEqual(["AWS::IAM::Role"]);
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.PermissionsBoundary).toBeUndefined();
  });

  it("is allowed exactly the member-account operations, on any resource", () => {
    const statements = permissions(role);
    expect(new Set(actions(statements))).toEqual(new Set(iamActions(MEMBER_ACCOUNT_OPERATIONS)));
    for (const s of statements) expect(s.Resource).toBe("*");
  });

  it("is trusted only by the scanner's principal, and only with the ExternalId", () => {
    const trust = role.AssumeRolePolicyDocument.Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]).toEqual({
      Effect: "Allow",
      Principal: { AWS: { Ref: "ScannerPrincipalArn" } },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } },
    });
  });

  it("takes a role or user ARN as the scanner's principal, never an account root or '*'", () => {
    const principal = t.Parameters.ScannerPrincipalArn!;
    expect(principal.Default).toBeUndefined();
    expect(accepts(principal, "arn:aws:iam::111111111111:role/VendorscopeScanner")).toBe(true);
    expect(accepts(principal, "arn:aws:iam::111111111111:user/vendorscope")).toBe(true);
    for (const broad of ["arn:aws:iam::111111111111:root", "111111111111", "*", "arn:aws:iam::*:role/VendorscopeScanner"]) {
      expect(accepts(principal, broad), broad).toBe(false);
    }
  });

  it("keeps the ExternalId out of the console and requires at least 16 characters", () => {
    const externalId = t.Parameters.ExternalId!;
    expect(externalId.NoEcho).toBe(true);
    expect(externalId.MinLength).toBeGreaterThanOrEqual(16);
    expect(externalId.Default).toBeUndefined();
    expect(accepts(externalId, "0123456789abcdef".repeat(3))).toBe(true); // openssl rand -hex 24
  });

  it("is named VendorscopeAudit by default, allows the scanner's one-hour sessions, and outputs its ARN", () => {
    expect(role.RoleName).toEqual({ Ref: "RoleName" });
    expect(t.Parameters.RoleName!.Default).toBe("VendorscopeAudit");
    expect(role.MaxSessionDuration).toBe(3600);
    expect(role.MaxSessionDuration).toBeGreaterThanOrEqual(DEFAULT_MEMBER_ROLE.durationSeconds);
    expect(t.Outputs.RoleArn!.Value).toEqual({ "Fn::GetAtt": [id, "Arn"] });
  });
});

describe(`the management-account scanner role (${MANAGEMENT_TEMPLATE})`, () => {
  const t = template(MANAGEMENT_TEMPLATE);
  const member = template(MEMBER_TEMPLATE);
  const { id, role } = onlyRole(t);

  it("is a single IAM role, with no policy attached from elsewhere", () => {
    expect(Object.values(t.Resources).map((r) => r.Type)).toEqual(["AWS::IAM::Role"]);
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.PermissionsBoundary).toBeUndefined();
  });

  it("is allowed exactly the management-account operations, and the member-account ones for its own account", () => {
    expect(new Set(actions(permissions(role)))).toEqual(new Set(iamActions([...MANAGEMENT_ACCOUNT_OPERATIONS, ...MEMBER_ACCOUNT_OPERATIONS])));
  });

  it("may assume only the member audit role, in any account of the organization", () => {
    const assume = permissions(role).filter((s) => actions([s]).includes("sts:AssumeRole"));
    expect(assume).toHaveLength(1);
    expect(assume[0]!.Action).toBe("sts:AssumeRole");
    expect(assume[0]!.Resource).toEqual({ "Fn::Sub": "arn:${AWS::Partition}:iam::*:role/${MemberRoleName}" });
    expect(t.Parameters.MemberRoleName!.Default).toBe(member.Parameters.RoleName!.Default);
  });

  it("reads the organization and IAM on any resource (those calls have no narrower resource)", () => {
    for (const s of permissions(role).filter((s) => !actions([s]).includes("sts:AssumeRole"))) expect(s.Resource).toBe("*");
  });

  it("is trusted only by the principal the scanner process runs as", () => {
    const trust = role.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([{ Effect: "Allow", Principal: { AWS: { Ref: "ScannerTrustPrincipalArn" } }, Action: "sts:AssumeRole" }]);
    const principal = t.Parameters.ScannerTrustPrincipalArn!;
    expect(accepts(principal, "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Audit_0123456789abcdef")).toBe(true);
    for (const broad of ["arn:aws:iam::111111111111:root", "*"]) expect(accepts(principal, broad), broad).toBe(false);
  });

  it("outputs its ARN, which the member StackSet trusts", () => {
    expect(t.Outputs.RoleArn!.Value).toEqual({ "Fn::GetAtt": [id, "Arn"] });
    expect(accepts(member.Parameters.ScannerPrincipalArn!, `arn:aws:iam::111111111111:role/${t.Parameters.RoleName!.Default}`)).toBe(true);
  });
});

describe("every policy in deploy/", () => {
  const documents: [string, PolicyDocument][] = [
    ...[MEMBER_TEMPLATE, MANAGEMENT_TEMPLATE].flatMap((path) => {
      const { role } = onlyRole(template(path));
      return [
        [`${path} trust`, role.AssumeRolePolicyDocument] as [string, PolicyDocument],
        ...(role.Policies ?? []).map((p) => [`${path} ${p.PolicyName}`, p.PolicyDocument] as [string, PolicyDocument]),
      ];
    }),
    ...IAM_JSON.map((path) => [path, json(path)] as [string, PolicyDocument]),
  ];

  it.each(documents)("%s only allows read-only operations, each named in full", (_name, doc) => {
    expect(doc.Version).toBe("2012-10-17");
    for (const s of doc.Statement) {
      expect(s.Effect).toBe("Allow");
      expect(s.NotAction).toBeUndefined();
      expect(s.NotResource).toBeUndefined();
      expect(actions([s]).length).toBeGreaterThan(0);
      for (const action of actions([s])) {
        expect(action).not.toContain("*");
        expect(iamActions(READ_ONLY_OPERATIONS)).toContain(action);
      }
    }
  });

  it.each([MEMBER_TEMPLATE, MANAGEMENT_TEMPLATE])("%s uses only long-form intrinsic functions, so any YAML parser reads it", (path) => {
    expect(read(path)).not.toMatch(/(^|[\s[{,])!\w/m);
  });
});

describe("the plain IAM JSON (deploy/iam/) says what the templates say", () => {
  const member = onlyRole(template(MEMBER_TEMPLATE)).role;
  const management = template(MANAGEMENT_TEMPLATE);
  const scanner = onlyRole(management).role;

  it("member-audit-policy.json is the audit role's policy", () => {
    expect(member.Policies).toHaveLength(1);
    expect(json("deploy/iam/member-audit-policy.json")).toEqual(member.Policies![0]!.PolicyDocument);
  });

  it("member-audit-trust.json is the audit role's trust policy, with placeholders for the scanner role and the ExternalId", () => {
    const placeholders = { ScannerPrincipalArn: `arn:aws:iam::MANAGEMENT_ACCOUNT_ID:role/${management.Parameters.RoleName!.Default}`, ExternalId: "EXTERNAL_ID" };
    expect(json("deploy/iam/member-audit-trust.json")).toEqual(resolve(member.AssumeRolePolicyDocument, placeholders));
  });

  it("management-scanner-policy.json is the scanner role's policy, for the default member role name", () => {
    expect(scanner.Policies).toHaveLength(1);
    expect(json("deploy/iam/management-scanner-policy.json")).toEqual(resolve(scanner.Policies![0]!.PolicyDocument, defaults(management)));
  });

  it("matches docs/aws-permissions.md (which leaves out sts:GetCallerIdentity: it needs no permission)", () => {
    const [docsScanner, docsMember] = [...read("docs/aws-permissions.md").matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as PolicyDocument);
    expect(json("deploy/iam/member-audit-policy.json")).toEqual(docsMember);
    const deployed = json("deploy/iam/management-scanner-policy.json").Statement;
    expect(deployed.filter((s) => !docsScanner!.Statement.some((d) => JSON.stringify(d) === JSON.stringify(s)))).toEqual([
      { Sid: "IdentifyCaller", Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" },
    ]);
    expect(docsScanner!.Statement.every((d) => deployed.some((s) => JSON.stringify(d) === JSON.stringify(s)))).toBe(true);
  });
});
