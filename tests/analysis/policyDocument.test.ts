import { describe, expect, it } from "vitest";
import { MAX_POLICY_DOCUMENT_CHARS, parsePolicyDocument, PolicyError } from "@/lib/analysis/policyDocument";

const doc = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" } };

describe("policy documents", () => {
  it("accept an object, JSON text and URL-encoded JSON text alike", () => {
    const fromObject = parsePolicyDocument(doc);
    expect(parsePolicyDocument(JSON.stringify(doc))).toEqual(fromObject);
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(fromObject);
    expect(fromObject.statements[0]).toMatchObject({ effect: "Allow", action: ["s3:GetObject"], resource: ["arn:aws:s3:::b/*"], index: 0 });
  });

  it("normalise scalars to lists and condition values to strings", () => {
    const parsed = parsePolicyDocument({
      Statement: [{ Sid: "x", Effect: "Deny", NotAction: "iam:*", Resource: ["*"], Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": 3600 }, Bool: { "aws:SecureTransport": false } } }],
    });
    expect(parsed.statements[0]).toMatchObject({
      sid: "x",
      notAction: ["iam:*"],
      condition: { NumericLessThan: { "aws:MultiFactorAuthAge": ["3600"] }, Bool: { "aws:SecureTransport": ["false"] } },
    });
  });

  it.each([
    ["not JSON", "{not json", /not valid JSON/],
    ["broken URL encoding", "%7B%ZZ", /not valid URL-encoded/],
    ["a number", 42, /a number, not an object/],
    ["no Statement", { Version: "2012-10-17" }, /no Statement/],
    ["a bad Effect", { Statement: { Effect: "Permit", Action: "*" } }, /Effect must be "Allow" or "Deny"/],
    ["both Action and NotAction", { Statement: { Effect: "Allow", Action: "*", NotAction: "iam:*" } }, /exactly one of Action and NotAction/],
    ["neither Action nor NotAction", { Statement: { Effect: "Allow", Resource: "*" } }, /exactly one of Action and NotAction/],
    ["a non-string action", { Statement: { Effect: "Allow", Action: [1] } }, /Statement\[0\]\.Action holds a number/],
    ["an unknown principal type", { Statement: { Effect: "Allow", Principal: { Robot: "x" }, Action: "*" } }, /unknown principal type "Robot"/],
    ["an object condition value", { Statement: { Effect: "Allow", Action: "*", Condition: { StringEquals: { k: { v: 1 } } } } }, /holds an object/],
  ])("refuse %s with a clear error", (_, input, message) => {
    expect(() => parsePolicyDocument(input)).toThrow(PolicyError);
    expect(() => parsePolicyDocument(input)).toThrow(message);
  });

  it("refuse a 10 MB document before parsing it", () => {
    const huge = JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Resource: "x".repeat(10 * 1024 * 1024) } });
    expect(() => parsePolicyDocument(huge)).toThrow(/over the 131,072 limit/);
    expect(huge.length).toBeGreaterThan(MAX_POLICY_DOCUMENT_CHARS);
  });
});
