import { describe, expect, it } from "vitest";
import { oidcAdmission } from "@/lib/auth/auth";
import type { OidcSettings } from "@/lib/auth/authSettings";

const oidc: OidcSettings = {
  issuer: "https://idp.acme.test",
  clientId: "vendorscope",
  clientSecret: "secret",
  label: "Sign in with Acme SSO",
  allowedDomains: ["acme.test"],
  allowedGroups: ["vendorscope-users"],
  groupsClaim: "groups",
  scopes: ["openid", "email", "profile"],
  adminGroups: ["secops"],
};

describe("who may sign in with single sign-on", () => {
  it("admits an allowed email domain (any case), as viewer unless in an admin group", () => {
    expect(oidcAdmission({ email: "Alice@ACME.test", email_verified: true }, oidc)).toEqual({ allowed: true, role: "viewer" });
    expect(oidcAdmission({ email: "sam@acme.test", groups: ["secops"] }, oidc)).toEqual({ allowed: true, role: "admin" });
  });

  it("admits an allowed group from another domain", () => {
    expect(oidcAdmission({ email: "contractor@partner.example", groups: ["vendorscope-users"] }, oidc).allowed).toBe(true);
    expect(oidcAdmission({ email: "contractor@partner.example", groups: "vendorscope-users" }, oidc).allowed).toBe(true);
  });

  it("refuses other domains, look-alike domains, unverified and missing emails", () => {
    expect(oidcAdmission({ email: "mallory@evil.example" }, oidc)).toMatchObject({ allowed: false, reason: expect.stringContaining("not in an allowed") });
    expect(oidcAdmission({ email: "mallory@notacme.test" }, oidc).allowed).toBe(false);
    expect(oidcAdmission({ email: "mallory@acme.test.evil.example" }, oidc).allowed).toBe(false);
    expect(oidcAdmission({ email: "alice@acme.test", email_verified: false }, oidc)).toMatchObject({ allowed: false, reason: expect.stringContaining("not verified") });
    expect(oidcAdmission({ name: "No Email" }, oidc).allowed).toBe(false);
  });

  it("leaves the stored role alone when no admin groups are configured", () => {
    expect(oidcAdmission({ email: "alice@acme.test" }, { ...oidc, adminGroups: [] })).toEqual({ allowed: true });
  });
});
