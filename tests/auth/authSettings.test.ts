import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAuthSettings } from "@/lib/auth/authSettings";

const dataDir = () => join(mkdtempSync(join(tmpdir(), "vs-auth-")), "pglite");

describe("auth settings from the environment", () => {
  it("generates the session secret once, into a file only this user can read", () => {
    const env = { VENDORSCOPE_DATA_DIR: dataDir() };
    const first = readAuthSettings(env);
    const file = join(env.VENDORSCOPE_DATA_DIR, "..", "auth-secret");
    expect(readFileSync(file, "utf8")).toBe(first.secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.secret.length).toBeGreaterThanOrEqual(43);
    expect(readAuthSettings(env).secret).toBe(first.secret);
  });

  it("refuses a short VENDORSCOPE_AUTH_SECRET", () => {
    expect(() => readAuthSettings({ VENDORSCOPE_AUTH_SECRET: "short" })).toThrow(/at least 32/);
  });

  it("trusts the dashboard's own origin, both loopback names, and nothing else by default", () => {
    const settings = readAuthSettings({ VENDORSCOPE_DATA_DIR: dataDir(), PORT: "4321" });
    expect(settings.baseURL).toBe("http://localhost:4321");
    expect(settings.trustedOrigins).toEqual(["http://localhost:4321", "http://127.0.0.1:4321"]);
    expect(settings.https).toBe(false);
    const https = readAuthSettings({ VENDORSCOPE_DATA_DIR: dataDir(), VENDORSCOPE_URL: "https://vendorscope.acme.test/" });
    expect(https).toMatchObject({ baseURL: "https://vendorscope.acme.test", trustedOrigins: ["https://vendorscope.acme.test"], https: true });
  });

  it("keeps single sign-on off without an allow-list, and says why", () => {
    const base = { VENDORSCOPE_DATA_DIR: dataDir(), VENDORSCOPE_OIDC_ISSUER: "https://idp.acme.test", VENDORSCOPE_OIDC_CLIENT_ID: "id", VENDORSCOPE_OIDC_CLIENT_SECRET: "secret" };
    const open = readAuthSettings(base);
    expect(open.oidc).toBeNull();
    expect(open.oidcProblem).toMatch(/VENDORSCOPE_OIDC_ALLOWED_DOMAINS/);
    const allowed = readAuthSettings({ ...base, VENDORSCOPE_OIDC_ALLOWED_DOMAINS: "@Acme.test, acme.example", VENDORSCOPE_OIDC_ADMIN_GROUPS: "secops" });
    expect(allowed.oidc).toMatchObject({ issuer: "https://idp.acme.test", allowedDomains: ["acme.test", "acme.example"], adminGroups: ["secops"], groupsClaim: "groups" });
    expect(readAuthSettings({ ...base, VENDORSCOPE_OIDC_CLIENT_SECRET: "" }).oidcProblem).toMatch(/CLIENT_SECRET/);
  });

  it("reads the lockout policy, refusing nonsense", () => {
    expect(readAuthSettings({ VENDORSCOPE_DATA_DIR: dataDir() }).lockout).toEqual({ attempts: 5, minutes: 15 });
    expect(() => readAuthSettings({ VENDORSCOPE_DATA_DIR: dataDir(), VENDORSCOPE_LOCKOUT_ATTEMPTS: "0" })).toThrow(/VENDORSCOPE_LOCKOUT_ATTEMPTS/);
  });
});
