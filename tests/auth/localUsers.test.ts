import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanName, createLocalUser, ensureFirstAdmin, nameSchema, setPassword, updateUser, UserError } from "@/lib/auth/localUsers";
import { claimSignInAttempt, lockedUntil, recordFailedSignIn, type LockoutPolicy } from "@/lib/auth/lockout";
import { testDatabase } from "@/testkit/database";

let db: Awaited<ReturnType<typeof testDatabase>>;

/** One sign-in attempt whose password turned out wrong: counted first, then the failure recorded. */
async function failedSignIn(database: typeof db.prisma, email: string, policy: LockoutPolicy, now = new Date()): Promise<Date | null> {
  const attempt = await claimSignInAttempt(database, email, policy, now);
  return attempt.allowed ? recordFailedSignIn(database, email, policy, now) : null;
}
beforeAll(async () => {
  db = await testDatabase("pglite");
});
afterAll(() => db.dispose());

describe("the dashboard's users", () => {
  it("creates the first admin once, with a generated password to show, or the one given", async () => {
    const created = await ensureFirstAdmin(db.prisma, {});
    expect(created).toMatchObject({ email: "admin@vendorscope.local" });
    expect(created!.password).toMatch(/^[\w-]{24}$/);
    expect(await ensureFirstAdmin(db.prisma, {})).toBeNull();
    const other = await testDatabase("pglite");
    expect(await ensureFirstAdmin(other.prisma, { VENDORSCOPE_ADMIN_EMAIL: "Root@Acme.test", VENDORSCOPE_ADMIN_PASSWORD: "given-password-123" })).toEqual({ email: "root@acme.test", password: null });
    await other.dispose();
  });

  it("validates new users: email, name, role, password length, no duplicates", async () => {
    await expect(createLocalUser(db.prisma, { email: "not-an-email", name: "X", role: "viewer", password: "long-enough-pass" })).rejects.toThrow(/valid email/);
    await expect(createLocalUser(db.prisma, { email: "v@acme.test", name: "V", role: "viewer", password: "short" })).rejects.toThrow(/12 characters/);
    await expect(createLocalUser(db.prisma, { email: "v@acme.test", name: "V", role: "root" as "admin", password: "long-enough-pass" })).rejects.toThrow();
    await createLocalUser(db.prisma, { email: "v@acme.test", name: "V", role: "viewer", password: "long-enough-pass" });
    await expect(createLocalUser(db.prisma, { email: "V@ACME.test", name: "V", role: "viewer", password: "long-enough-pass" })).rejects.toThrow(UserError);
  });

  it("never leaves the dashboard without an active admin", async () => {
    const admin = await db.prisma.appUser.findUniqueOrThrow({ where: { email: "admin@vendorscope.local" } });
    await expect(updateUser(db.prisma, admin.id, { role: "viewer" })).rejects.toThrow(/last active admin/);
    await expect(updateUser(db.prisma, admin.id, { disabled: true })).rejects.toThrow(/last active admin/);
    const viewer = await db.prisma.appUser.findUniqueOrThrow({ where: { email: "v@acme.test" } });
    await updateUser(db.prisma, viewer.id, { role: "admin" });
    await updateUser(db.prisma, admin.id, { role: "viewer" });
    expect((await db.prisma.appUser.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("viewer");
  });

  it("a new password ends the user's sessions and clears a lockout", async () => {
    const user = await db.prisma.appUser.findUniqueOrThrow({ where: { email: "v@acme.test" } });
    await db.prisma.authSession.create({ data: { id: "s1", token: "t1", expiresAt: new Date(Date.now() + 3600_000), userId: user.id } });
    for (let i = 0; i < 5; i++) await failedSignIn(db.prisma, user.email, { attempts: 5, minutes: 15 });
    expect(await lockedUntil(db.prisma, user.email)).not.toBeNull();
    await setPassword(db.prisma, user.email, "a-brand-new-password");
    expect(await db.prisma.authSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await lockedUntil(db.prisma, user.email)).toBeNull();
  });
});

describe("lockout", () => {
  it("locks after the last allowed failure, for the configured time, then starts counting afresh", async () => {
    const policy = { attempts: 3, minutes: 10 };
    const t0 = new Date("2026-11-28T10:00:00Z");
    expect(await failedSignIn(db.prisma, "X@acme.test", policy, t0)).toBeNull();
    expect(await failedSignIn(db.prisma, "x@acme.test", policy, t0)).toBeNull();
    const until = await failedSignIn(db.prisma, " x@ACME.test ", policy, t0);
    expect(until).toEqual(new Date("2026-11-28T10:10:00Z"));
    expect(await lockedUntil(db.prisma, "x@acme.test", new Date("2026-11-28T10:09:59Z"))).toEqual(until);
    const later = new Date("2026-11-28T10:10:01Z");
    expect(await lockedUntil(db.prisma, "x@acme.test", later)).toBeNull();
    expect(await failedSignIn(db.prisma, "x@acme.test", policy, later)).toBeNull();
    expect((await db.prisma.signInLockout.findUniqueOrThrow({ where: { email: "x@acme.test" } })).failures).toBe(1);
  });
});

describe("user names", () => {
  it.each([
    ["a name of 200,000 characters", "x".repeat(200_000)],
    ["CR/LF", "Mallory\r\nadmin@acme.test signed in"],
    ["a right-to-left override", "Eve \u202egnp.exe"],
    ["a bidi isolate", "Eve \u2066admin\u2069"],
    ["a zero-width space", "Ad\u200bmin"],
    ["a C1 control", "Eve\u0085"],
    ["a line separator", "Eve\u2028admin"],
  ])("refuses %s", async (_what, name) => {
    await expect(createLocalUser(db.prisma, { email: "odd-name@acme.test", name, role: "viewer", password: "long-enough-pass" })).rejects.toThrow();
    expect(await db.prisma.appUser.findUnique({ where: { email: "odd-name@acme.test" } })).toBeNull();
  });

  it("accepts names in any script, with accents and emoji", async () => {
    await createLocalUser(db.prisma, { email: "intl@acme.test", name: "Zoë Ó'Brien-李 🚀", role: "viewer", password: "long-enough-pass" });
    expect((await db.prisma.appUser.findUniqueOrThrow({ where: { email: "intl@acme.test" } })).name).toBe("Zoë Ó'Brien-李 🚀");
  });

  it("makes a name from elsewhere (the single sign-on issuer) fit the same rules", () => {
    expect(cleanName("Mallory\r\nadmin", "m@acme.test")).toBe("Mallory admin");
    expect(cleanName("Eve \u202egnp.exe\u200b", "e@acme.test")).toBe("Eve gnp.exe");
    expect(cleanName("x".repeat(200_000), "x@acme.test")).toHaveLength(100);
    expect(cleanName("\u202e\r\n", "fallback@acme.test")).toBe("fallback@acme.test");
    expect(cleanName(undefined, "fallback@acme.test")).toBe("fallback@acme.test");
    expect(nameSchema.safeParse(cleanName("A\u2066B\u0000C".repeat(50), "f")).success).toBe(true);
  });
});
