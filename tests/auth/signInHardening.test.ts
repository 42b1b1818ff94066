/**
 * Sign-in under attack, through better-auth's real handler on PostgreSQL and PGlite: parallel
 * guesses cannot outrun the lockout, a disabled account answers like a wrong password, and no
 * better-auth endpoint changes a user behind our rules and the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT } from "@/lib/audit/auditEventKinds";
import { createAuth, type Auth } from "@/lib/auth/auth";
import { createLocalUser, updateUser } from "@/lib/auth/localUsers";
import { testDatabase, type DatabaseKind } from "@/testkit/database";
import { authRequest, testAuthSettings } from "../helpers/authHandler";

const LIMIT = 5;
const settings = testAuthSettings(LIMIT);

describe.each<DatabaseKind>(["postgres", "pglite"])("sign-in hardening (%s)", (kind) => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let auth: Auth;
  let address = 0;

  beforeAll(async () => {
    db = await testDatabase(kind);
    auth = createAuth(db.prisma, settings);
    await createLocalUser(db.prisma, { email: "target@acme.test", name: "Target", role: "viewer", password: "the-right-password" });
    await createLocalUser(db.prisma, { email: "user@acme.test", name: "User", role: "viewer", password: "user-password-1234" });
    const gone = await createLocalUser(db.prisma, { email: "gone@acme.test", name: "Gone", role: "viewer", password: "gone-password-1234" });
    await updateUser(db.prisma, gone.id, { disabled: true });
  });
  afterAll(() => db.dispose());

  /** Each test from its own client address, so better-auth's per-address rate limit stays out of the way. */
  const from = () => `198.51.100.${++address}`;
  const call = (method: string, path: string, body: unknown, headers: Record<string, string>) => authRequest(auth, method, path, body, headers);
  const signIn = (email: string, password: string, ip: string) => call("POST", "/sign-in/email", { email, password }, { "X-Forwarded-For": ip });

  it(`checks at most ${LIMIT} passwords of 18 parallel wrong guesses, then the email is locked`, async () => {
    const ip = from();
    const responses = await Promise.all(Array.from({ length: 18 }, (_, i) => signIn("target@acme.test", `wrong-guess-${i}-password`, ip)));
    const statuses = responses.map((r) => r.status);
    // 401: the password was checked (and wrong). 403: refused by the lockout before any check.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((s) => s === 401 || s === 403)).toHaveLength(18);
    const bodies = await Promise.all(responses.filter((r) => r.status === 403).map((r) => r.json() as Promise<{ code: string }>));
    expect(bodies.every((b) => b.code === "ACCOUNT_LOCKED")).toBe(true);
    const checked = await db.prisma.auditEvent.count({ where: { action: AUDIT.SIGN_IN, actor: "target@acme.test", outcome: "failure", NOT: { details: { path: ["reason"], equals: "locked" } } } });
    expect(checked).toBeLessThanOrEqual(LIMIT);
    expect(await db.prisma.auditEvent.count({ where: { action: AUDIT.ACCOUNT_LOCKED, target: "target@acme.test" } })).toBe(1);
    expect((await signIn("target@acme.test", "the-right-password", from())).status).toBe(403);
  });

  it("answers a disabled account's right password exactly like a wrong password (and an unknown email)", async () => {
    const disabled = await signIn("gone@acme.test", "gone-password-1234", from());
    const wrong = await signIn("user@acme.test", "not-the-password-1", from());
    const unknown = await signIn("nobody@acme.test", "not-the-password-1", from());
    expect(disabled.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b, c] = await Promise.all([disabled.text(), wrong.text(), unknown.text()]);
    expect(a).toBe(b);
    expect(c).toBe(b);
    expect(JSON.parse(a)).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
    expect(disabled.headers.get("set-cookie")).toBeNull();
    // The audit log, read by admins, says why.
    const [event] = await db.prisma.auditEvent.findMany({ where: { action: AUDIT.SIGN_IN, actor: "gone@acme.test" } });
    expect(event).toMatchObject({ outcome: "failure", details: { method: "password", reason: "account disabled" } });
  });

  it("lets no better-auth endpoint change a user: update-user and the like answer 404 and change nothing", async () => {
    const signedIn = await signIn("user@acme.test", "user-password-1234", from());
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;
    const before = await db.prisma.appUser.findUniqueOrThrow({ where: { email: "user@acme.test" } });
    const auditRows = await db.prisma.auditEvent.count();
    const attempts: [string, unknown][] = [
      ["/update-user", { name: "x".repeat(200_000) }],
      ["/update-user", { name: "User\r\nadmin@acme.test signed in" }],
      ["/update-user", { name: "Eve \u202egnp.exe", image: "https://evil.example/x.png" }],
      ["/change-password", { currentPassword: "user-password-1234", newPassword: "a-new-password-1234" }],
      ["/change-email", { newEmail: "owned@evil.example" }],
      ["/delete-user", {}],
      ["/request-password-reset", { email: "user@acme.test" }],
      ["/reset-password", { token: "x", newPassword: "a-new-password-1234" }],
      ["/link-social", { provider: "github" }],
      ["/unlink-account", { providerId: "credential" }],
      ["/revoke-sessions", {}],
      ["/update-session", {}],
      ["/sign-up/email", { email: "eve@acme.test", password: "eve-password-123", name: "Eve" }],
    ];
    for (const [path, body] of attempts) {
      const response = await call("POST", path, body, { cookie, "X-Forwarded-For": from() });
      expect(response.status, path).toBe(404);
    }
    for (const path of ["/list-accounts", "/list-sessions", "/account-info"]) expect((await call("GET", path, undefined, { cookie })).status, path).toBe(404);
    expect(await db.prisma.appUser.findUniqueOrThrow({ where: { email: "user@acme.test" } })).toEqual(before);
    expect(await db.prisma.appUser.findUnique({ where: { email: "eve@acme.test" } })).toBeNull();
    expect(await db.prisma.authSession.count({ where: { userId: before.id } })).toBe(1);
    expect(await db.prisma.auditEvent.count()).toBe(auditRows);

    // What the dashboard does use still works.
    const session = (await (await call("GET", "/get-session", undefined, { cookie })).json()) as { user: { name: string } };
    expect(session.user.name).toBe("User");
    expect((await call("POST", "/sign-out", {}, { cookie })).status).toBe(200);
  });
});
