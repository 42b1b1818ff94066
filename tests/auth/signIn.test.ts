/**
 * Sign-in through better-auth's real endpoints (auth.handler, as the dashboard mounts it) on a
 * real database: sessions and cookies, lockout, rate limit, origin check, disabled users, and
 * the audit trail each leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT } from "@/lib/audit/auditEventKinds";
import { createAuth, type Auth } from "@/lib/auth/auth";
import { createLocalUser, updateUser } from "@/lib/auth/localUsers";
import { clearFailedSignIns } from "@/lib/auth/lockout";
import { testDatabase } from "@/testkit/database";
import { authRequest, testAuthSettings } from "../helpers/authHandler";

const settings = testAuthSettings(3);
const ALICE = { email: "alice@acme.test", name: "Alice", role: "viewer" as const, password: "alice-password-123" };

let db: Awaited<ReturnType<typeof testDatabase>>;
let auth: Auth;
let aliceId: string;

beforeAll(async () => {
  db = await testDatabase("postgres");
  auth = createAuth(db.prisma, settings);
  aliceId = (await createLocalUser(db.prisma, ALICE)).id;
});
afterAll(() => db.dispose());

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return authRequest(auth, "POST", path, body, { "X-Forwarded-For": "198.51.100.7", ...headers });
}
const signIn = (email: string, password: string, headers?: Record<string, string>) => post("/sign-in/email", { email, password }, headers);
const audits = (action: string) => db.prisma.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });

describe("password sign-in", () => {
  it("starts a database session behind an HttpOnly, SameSite=Lax cookie, and audits who and from where", async () => {
    const response = await signIn(ALICE.email, ALICE.password);
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^vendorscope\.session_token=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(await db.prisma.authSession.count({ where: { userId: aliceId } })).toBe(1);
    const [event] = await audits(AUDIT.SIGN_IN);
    expect(event).toMatchObject({ outcome: "success", actor: ALICE.email, actorId: aliceId, ip: "198.51.100.7", userAgent: "vitest" });

    // The session works for reading who is signed in.
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookie.split(";")[0]! }) });
    expect(session?.user).toMatchObject({ email: ALICE.email, role: "viewer" });
  });

  it("stores only a scrypt hash of the password", async () => {
    const account = await db.prisma.authAccount.findFirstOrThrow({ where: { userId: aliceId } });
    expect(account.password).not.toContain(ALICE.password);
    expect(account.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
  });

  it(`locks the email after ${settings.lockout.attempts} failures: then even the right password is refused, until cleared`, async () => {
    for (let i = 0; i < settings.lockout.attempts; i++) expect((await signIn(ALICE.email, `wrong-${i}-password`)).status).toBe(401);
    const locked = await signIn(ALICE.email, ALICE.password);
    expect(locked.status).toBe(403);
    expect(((await locked.json()) as { message: string }).message).toMatch(/locked until \d\d:\d\d UTC/);
    expect(await audits(AUDIT.ACCOUNT_LOCKED)).toHaveLength(1);
    const failures = (await audits(AUDIT.SIGN_IN)).filter((e) => e.outcome === "failure");
    expect(failures).toHaveLength(settings.lockout.attempts + 1);
    expect(failures.at(-1)!.details).toMatchObject({ reason: "locked" });

    await clearFailedSignIns(db.prisma, ALICE.email);
    expect((await signIn(ALICE.email, ALICE.password)).status).toBe(200);
  });

  it("locks an email nobody has exactly like a real one (the lockout reveals no accounts)", async () => {
    for (let i = 0; i < settings.lockout.attempts; i++) expect((await signIn("ghost@acme.test", `wrong-${i}-password`)).status).toBe(401);
    expect((await signIn("ghost@acme.test", "anything-at-all-1")).status).toBe(403);
  });

  it("gives a disabled user no session", async () => {
    const bob = await createLocalUser(db.prisma, { email: "bob@acme.test", name: "Bob", role: "viewer", password: "bob-password-1234" });
    await updateUser(db.prisma, bob.id, { disabled: true });
    expect((await signIn("bob@acme.test", "bob-password-1234")).status).not.toBe(200);
    expect(await db.prisma.authSession.count({ where: { userId: bob.id } })).toBe(0);
  });

  it("refuses a sign-in posted from another site", async () => {
    expect((await signIn(ALICE.email, ALICE.password, { Origin: "https://evil.example" })).status).toBe(403);
    expect((await signIn(ALICE.email, ALICE.password, { Origin: "null" })).status).toBe(403);
  });

  it("has no public sign-up, and a user cannot make themselves admin", async () => {
    expect((await post("/sign-up/email", { email: "eve@acme.test", password: "eve-password-123", name: "Eve" })).status).toBeGreaterThanOrEqual(400);
    expect(await db.prisma.appUser.findUnique({ where: { email: "eve@acme.test" } })).toBeNull();
    const cookie = (await signIn(ALICE.email, ALICE.password)).headers.get("set-cookie")!.split(";")[0]!;
    await post("/update-user", { name: "Alice", role: "admin" }, { cookie });
    expect((await db.prisma.appUser.findUniqueOrThrow({ where: { id: aliceId } })).role).toBe("viewer");
  });

  it("rate-limits sign-in attempts per client address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await signIn(`spray-${i}@acme.test`, "password-spray-1", { "X-Forwarded-For": "203.0.113.9" })).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toContain(429);
    // Another address is not affected.
    expect((await signIn(ALICE.email, ALICE.password, { "X-Forwarded-For": "192.0.2.44" })).status).toBe(200);
  });
});
