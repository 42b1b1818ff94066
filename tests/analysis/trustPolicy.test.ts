import { describe, expect, it } from "vitest";
import { parsePolicyDocument } from "@/lib/analysis/policyDocument";
import { classifyPrincipal } from "@/lib/analysis/principals";
import { analyzeTrustPolicy } from "@/lib/analysis/trustPolicy";
import { allow, policy, trustGrants } from "../helpers/policies";

const VENDOR = "111122223333";
const VENDOR_ROOT = `arn:aws:iam::${VENDOR}:root`;
const principals = (grants: ReturnType<typeof trustGrants>) => grants.map((g) => `${g.principal.kind} ${g.principal.value}`).sort();

describe("who a trust policy lets assume the role", () => {
  it("reads Statement as an object or a list, and principal values as a string or a list", () => {
    expect(principals(trustGrants(allow({ AWS: VENDOR_ROOT })))).toEqual([`account ${VENDOR_ROOT}`]);
    expect(
      principals(trustGrants(allow({ AWS: [VENDOR_ROOT, "444455556666"], Federated: ["accounts.google.com"] }, { Action: ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"] }))),
    ).toEqual([`account ${VENDOR_ROOT}`, "account arn:aws:iam::444455556666:root", "federated accounts.google.com"]);
  });

  it('treats Principal "*" and {"AWS": "*"} as anyone', () => {
    expect(principals(trustGrants(allow("*")))).toEqual(["wildcard *"]);
    expect(principals(trustGrants(allow({ AWS: "*" })))).toEqual(["wildcard *"]);
  });

  it("classifies every principal kind, in every partition", () => {
    const grants = trustGrants(
      allow({
        AWS: [
          "222233334444",
          "arn:aws-cn:iam::222233334445:root",
          "arn:aws-us-gov:iam::222233334446:role/path/to/Deployer",
          "arn:aws:iam::222233334447:user/ci",
          "arn:aws:sts::222233334448:assumed-role/Admin/session",
          "AROAXXXXXXXXXXXXXXXXX",
        ],
        Service: "ec2.amazonaws.com",
      }),
    );
    const kinds = Object.fromEntries(grants.map((g) => [g.principal.value, [g.principal.kind, g.principal.accountId, g.principal.partition]]));
    expect(kinds).toEqual({
      "arn:aws:iam::222233334444:root": ["account", "222233334444", "aws"],
      "arn:aws-cn:iam::222233334445:root": ["account", "222233334445", "aws-cn"],
      "arn:aws-us-gov:iam::222233334446:role/path/to/Deployer": ["role", "222233334446", "aws-us-gov"],
      "arn:aws:iam::222233334447:user/ci": ["user", "222233334447", "aws"],
      "arn:aws:sts::222233334448:assumed-role/Admin/session": ["assumed-role", "222233334448", "aws"],
      AROAXXXXXXXXXXXXXXXXX: ["unknown-id", null, null],
    });
  });

  it("never lists AWS service principals: services are not third parties", () => {
    expect(classifyPrincipal("Service", "ec2.amazonaws.com")?.kind).toBe("service");
    expect(trustGrants(allow({ Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] }))).toEqual([]);
  });

  it("reports principals IAM would not accept instead of guessing", () => {
    const result = analyzeTrustPolicy(parsePolicyDocument(policy(allow({ AWS: "not-a-principal" }))));
    expect(result.grants).toEqual([]);
    expect(result.unrecognised).toEqual(["AWS: not-a-principal"]);
  });

  describe("actions", () => {
    it("grants only through statements whose actions cover sts:AssumeRole, case-insensitively and with wildcards", () => {
      for (const action of ["sts:AssumeRole", "STS:assumerole", "sts:*", "sts:Assume*", "*", ["sts:TagSession", "sts:AssumeRole"]]) {
        expect(trustGrants(allow({ AWS: VENDOR_ROOT }, { Action: action })), String(action)).toHaveLength(1);
      }
    });

    it("grants nothing through sts:TagSession or sts:SetSourceIdentity alone", () => {
      expect(trustGrants(allow({ AWS: VENDOR_ROOT }, { Action: ["sts:TagSession", "sts:SetSourceIdentity"] }))).toEqual([]);
      expect(trustGrants(allow({ AWS: VENDOR_ROOT }, { Action: "sts:AssumeRoleWithSAML" }))).toEqual([]);
    });

    it("reads NotAction as every action but those", () => {
      expect(trustGrants(allow({ AWS: VENDOR_ROOT }, { Action: undefined, NotAction: "sts:TagSession" }))).toHaveLength(1);
      expect(trustGrants(allow({ AWS: VENDOR_ROOT }, { Action: undefined, NotAction: "sts:Assume*" }))).toEqual([]);
    });

    it("needs AssumeRoleWithWebIdentity for OIDC and AssumeRoleWithSAML for SAML providers", () => {
      const oidc = { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" };
      const saml = { Federated: "arn:aws:iam::123456789012:saml-provider/Okta" };
      expect(trustGrants(allow(oidc))).toEqual([]);
      expect(trustGrants(allow(oidc, { Action: "sts:AssumeRoleWithWebIdentity" }))).toHaveLength(1);
      expect(trustGrants(allow(saml, { Action: "sts:AssumeRoleWithWebIdentity" }))).toEqual([]);
      expect(trustGrants(allow(saml, { Action: "sts:AssumeRoleWithSAML" }))).toHaveLength(1);
    });
  });

  describe("Deny", () => {
    it("an unconditional Deny for the same principal and action removes it", () => {
      const grants = trustGrants(allow({ AWS: [VENDOR_ROOT, "444455556666"] }), { Effect: "Deny", Principal: { AWS: VENDOR_ROOT }, Action: "sts:*" });
      expect(principals(grants)).toEqual(["account arn:aws:iam::444455556666:root"]);
    });

    it('a Deny on "*" removes everyone; a Deny on an account removes its roles too', () => {
      expect(trustGrants(allow({ AWS: VENDOR_ROOT }), { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" })).toEqual([]);
      expect(trustGrants(allow({ AWS: `arn:aws:iam::${VENDOR}:role/x` }), { Effect: "Deny", Principal: { AWS: VENDOR }, Action: "sts:AssumeRole" })).toEqual([]);
    });

    it("a Deny that does not cover the action, or is conditional, leaves the grant", () => {
      expect(trustGrants(allow({ AWS: VENDOR_ROOT }), { Effect: "Deny", Principal: { AWS: VENDOR_ROOT }, Action: "sts:TagSession" })).toHaveLength(1);
      expect(
        trustGrants(allow({ AWS: VENDOR_ROOT }), { Effect: "Deny", Principal: { AWS: VENDOR_ROOT }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      ).toHaveLength(1);
    });

    it("Deny with NotPrincipal denies everyone not listed", () => {
      const grants = trustGrants(allow({ AWS: [VENDOR_ROOT, "444455556666"] }), { Effect: "Deny", NotPrincipal: { AWS: VENDOR_ROOT }, Action: "sts:AssumeRole" });
      expect(principals(grants)).toEqual([`account ${VENDOR_ROOT}`]);
    });

    it("a Deny unless the ExternalId matches counts as requiring it", () => {
      const [grant] = trustGrants(allow({ AWS: VENDOR_ROOT }), {
        Effect: "Deny",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { StringNotEquals: { "sts:ExternalId": "x-1234" } },
      });
      expect(grant?.externalId).toBe("required");
    });
  });

  it("Allow with NotPrincipal means everyone but those", () => {
    const [grant] = trustGrants({ Effect: "Allow", NotPrincipal: { AWS: VENDOR_ROOT }, Action: "sts:AssumeRole" });
    expect(grant?.principal.kind).toBe("wildcard");
    expect(grant?.statementPrincipal).toBe(`NOT(${VENDOR_ROOT})`);
  });

  describe("ExternalId", () => {
    const withCondition = (Condition: unknown) => trustGrants(allow({ AWS: VENDOR_ROOT }, { Condition }))[0]?.externalId;

    it("is required by StringEquals or StringEqualsIgnoreCase with concrete values", () => {
      expect(withCondition({ StringEquals: { "sts:ExternalId": "a1b2c3" } })).toBe("required");
      expect(withCondition({ StringEqualsIgnoreCase: { "sts:externalid": ["a1b2c3", "d4e5f6"] } })).toBe("required");
      expect(withCondition({ StringLike: { "sts:ExternalId": "a1b2c3" } })).toBe("required");
    });

    it("is weak when the values hold wildcards", () => {
      expect(withCondition({ StringLike: { "sts:ExternalId": "*" } })).toBe("weak");
      expect(withCondition({ StringLike: { "sts:ExternalId": ["customer-?"] } })).toBe("weak");
    });

    it("is missing without a condition, with …IfExists, or with a negated operator", () => {
      expect(withCondition(undefined)).toBe("missing");
      expect(withCondition({ StringEqualsIfExists: { "sts:ExternalId": "a1b2c3" } })).toBe("missing");
      expect(withCondition({ StringNotEquals: { "sts:ExternalId": "a1b2c3" } })).toBe("missing");
      expect(withCondition({ "ForAllValues:StringEquals": { "sts:ExternalId": "a1b2c3" } })).toBe("missing");
      expect(withCondition({ Bool: { "aws:MultiFactorAuthPresent": "true" } })).toBe("missing");
    });

    it("takes the least restricted of several statements granting the same principal", () => {
      const grants = trustGrants(
        allow({ AWS: VENDOR_ROOT }, { Condition: { StringEquals: { "sts:ExternalId": "a1b2c3" } } }),
        allow({ AWS: VENDOR_ROOT }, { Sid: "Legacy" }),
      );
      expect(grants).toHaveLength(1);
      expect(grants[0]?.externalId).toBe("missing");
      expect(grants[0]?.statements).toEqual([1, 0]);
    });
  });

  describe("conditions that narrow the principal", () => {
    it("aws:PrincipalArn narrows a root principal to the named role", () => {
      const grants = trustGrants(allow({ AWS: VENDOR_ROOT }, { Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${VENDOR}:role/Integration` } } }));
      expect(principals(grants)).toEqual([`role arn:aws:iam::${VENDOR}:role/Integration`]);
      expect(grants[0]?.statementPrincipal).toBe(VENDOR_ROOT);
    });

    it("aws:PrincipalArn naming another account leaves nobody", () => {
      expect(trustGrants(allow({ AWS: VENDOR_ROOT }, { Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::999999999999:role/*" } } }))).toEqual([]);
    });

    it("aws:PrincipalAccount turns * into those accounts", () => {
      const grants = trustGrants(allow("*", { Condition: { StringEquals: { "aws:PrincipalAccount": [VENDOR, "444455556666"] } } }));
      expect(principals(grants)).toEqual([`account ${VENDOR_ROOT}`, "account arn:aws:iam::444455556666:root"]);
      expect(grants.every((g) => g.statementPrincipal === "*")).toBe(true);
    });

    it("aws:PrincipalOrgID and aws:PrincipalOrgPaths are kept for the organization check", () => {
      expect(trustGrants(allow("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }))[0]?.principalOrgIds).toEqual(["o-abc123"]);
      expect(trustGrants(allow("*", { Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-abc123/r-ab12/*" } } }))[0]?.principalOrgIds).toEqual(["o-abc123"]);
      expect(trustGrants(allow("*", { Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123" } } }))[0]?.principalOrgIds).toBeNull();
    });
  });

  describe("OIDC federation", () => {
    const github = { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" };
    const web = (principal: unknown, Condition?: unknown) =>
      trustGrants(allow(principal, { Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) }))[0];

    it("GitHub Actions without a sub condition is open to every repository", () => {
      const grant = web(github, { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } });
      expect(grant?.federation?.provider?.name).toBe("GitHub Actions");
      expect(grant?.federationRestricted).toBe(false);
      expect(grant?.externalId).toBeNull();
    });

    it("a sub condition naming our organization restricts it; a wildcard owner does not", () => {
      expect(web(github, { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } })?.federationRestricted).toBe(true);
      expect(web(github, { StringEquals: { "token.actions.githubusercontent.com:sub": "repo:acme/api:ref:refs/heads/main" } })?.federationRestricted).toBe(true);
      expect(web(github, { StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } })?.federationRestricted).toBe(false);
      expect(web(github, { StringLike: { "token.actions.githubusercontent.com:sub": "*" } })?.federationRestricted).toBe(false);
      expect(web(github, { StringLikeIfExists: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } })?.federationRestricted).toBe(false);
    });

    it("knows GitLab, Terraform Cloud, CircleCI and Bitbucket", () => {
      const provider = (host: string) => ({ Federated: `arn:aws:iam::123456789012:oidc-provider/${host}` });
      expect(web(provider("gitlab.com"))?.federationRestricted).toBe(false);
      expect(web(provider("gitlab.com"), { StringLike: { "gitlab.com:sub": "project_path:acme/infra:*" } })?.federationRestricted).toBe(true);
      expect(web(provider("app.terraform.io"))?.federation?.provider?.name).toBe("Terraform Cloud");
      expect(web(provider("app.terraform.io"), { StringLike: { "app.terraform.io:sub": "organization:acme:*" } })?.federationRestricted).toBe(true);
      // CircleCI and Bitbucket issuers are specific to one customer.
      expect(web(provider("oidc.circleci.com/org/1f4a9c3e-0000-4000-8000-000000000000"))?.federationRestricted).toBe(true);
      expect(web(provider("api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc"))?.federation?.provider?.name).toBe("Bitbucket Pipelines");
    });

    it("leaves our own identity providers (EKS, SAML) unjudged", () => {
      expect(web({ Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC" })?.federationRestricted).toBeNull();
    });
  });
});
