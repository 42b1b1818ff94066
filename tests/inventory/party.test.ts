import { describe, expect, it } from "vitest";
import { parseParty, partyLabel, partyOf } from "@/lib/inventory/party";
import { attributeUser } from "@/lib/inventory/userAttribution";

const trust = { internal: false, vendorName: null, awsService: null, principalKind: "account", principal: "arn:aws:iam::111122223333:root", externalAccountId: "111122223333" };

describe("who holds a trust", () => {
  it("is a named vendor, an AWS service, anyone, a deleted principal or an unknown account", () => {
    expect(partyOf({ ...trust, vendorName: "Datadog" })).toBe("vendor:Datadog");
    expect(partyOf({ ...trust, awsService: "ELB logs" })).toBe("aws:ELB logs");
    expect(partyOf({ ...trust, principalKind: "wildcard", principal: "*", externalAccountId: null })).toBe("anyone");
    expect(partyOf({ ...trust, principalKind: "unknown-id", principal: "AROAX", externalAccountId: null })).toBe("deleted:AROAX");
    expect(partyOf(trust)).toBe("account:111122223333");
    expect(partyOf({ ...trust, internal: true, vendorName: "Datadog" })).toBe("internal");
  });
  it("reads back, with names that may contain colons", () => {
    expect(parseParty("vendor:Acme: EU")).toEqual({ kind: "vendor", value: "Acme: EU" });
    expect(partyLabel("account:111122223333")).toBe("Unknown account 111122223333");
    expect(partyLabel("anyone")).toBe("Anyone (public trust)");
  });
});

describe("which vendor an IAM user belongs to", () => {
  it("the admin's choice first, then a vendor tag, then a /vendors/NAME/ path", () => {
    expect(attributeUser({ path: "/vendors/acme/", tags: { vendor: "Initech" }, adminVendor: "Globex" })).toEqual({ vendor: "Globex", source: "admin" });
    expect(attributeUser({ path: "/vendors/acme/", tags: { Vendor: "Initech" }, adminVendor: null })).toEqual({ vendor: "Initech", source: "tag" });
    expect(attributeUser({ path: "/third-party/acme%20corp/", tags: { team: "x" }, adminVendor: null })).toEqual({ vendor: "acme corp", source: "path" });
    expect(attributeUser({ path: "/vendors/100%off/", tags: {}, adminVendor: null })).toEqual({ vendor: "100%off", source: "path" });
    expect(attributeUser({ path: "/", tags: {}, adminVendor: null })).toBeNull();
  });
});
