/**
 * Anonymous refusals cannot flood the audit log: one row per source, reason and window with a
 * count, which the database lets grow only while the window is open; everything else about the
 * log stays append-only. Every stored header is bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT } from "@/lib/audit/auditEventKinds";
import { recordAnonymousDenial } from "@/lib/audit/anonymousDenials";
import { auditCsv, recordAudit, recordDenial } from "@/lib/audit/auditLog";
import { AUDIT_LIMITS } from "@/lib/audit/auditText";
import { requestInfo } from "@/lib/auth/requestInfo";
import { testDatabase, type DatabaseKind } from "@/testkit/database";

describe.each<DatabaseKind>(["postgres", "pglite"])("anonymous denials in the audit log (%s)", (kind) => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  beforeAll(async () => {
    db = await testDatabase(kind);
  });
  afterAll(() => db.dispose());

  const denialsFrom = (ip: string) => db.prisma.auditEvent.findMany({ where: { action: AUDIT.ACCESS_DENIED, ip }, orderBy: { id: "asc" } });

  it("counts 200 anonymous refusals from one source into one row (two if a window ends meanwhile)", async () => {
    const from = requestInfo(new Headers({ "x-forwarded-for": "203.0.113.50", "user-agent": "flood/1.0" }));
    await Promise.all(Array.from({ length: 200 }, (_, i) => recordDenial(db.prisma, from, `action-${i}`, "not signed in")));
    const rows = await denialsFrom("203.0.113.50");
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(200);
    // The row keeps the target of whichever refusal came first: on PostgreSQL 200 parallel writes race.
    expect(rows[0]).toMatchObject({ outcome: "denied", actorId: null, userAgent: "flood/1.0", target: expect.stringMatching(/^action-\d{1,3}$/), details: { reason: "not signed in", anonymous: true } });
    expect(rows[0]!.lastAt!.getTime()).toBeGreaterThanOrEqual(rows[0]!.at.getTime());

    // Another source, or another reason, has its own row.
    await recordDenial(db.prisma, { ip: "203.0.113.51" }, "x", "not signed in");
    await recordDenial(db.prisma, from, "x", "cross-origin request");
    expect(await denialsFrom("203.0.113.51")).toHaveLength(1);
    expect((await denialsFrom("203.0.113.50")).filter((r) => (r.details as { reason: string }).reason === "cross-origin request")).toHaveLength(1);
  });

  it("still writes one row per refusal of a signed-in user (they are known and few)", async () => {
    for (let i = 0; i < 3; i++) await recordDenial(db.prisma, { actorId: "u1", actor: "viewer@acme.test", ip: "198.51.100.60" }, "app/actions.ts#scanNow", "needs admin");
    const rows = await denialsFrom("198.51.100.60");
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.count === 1 && r.windowKey === null)).toBe(true);
  });

  it("exports the count and the last time with an aggregated row", async () => {
    const csv = await auditCsv(db.prisma, { action: AUDIT.ACCESS_DENIED });
    expect(csv).toMatch(/"count"":\d{2,3}/);
    expect(csv).toContain('""lastAt"":""20');
  });

  it("lets the database change nothing but the count of a row whose window is open", async () => {
    const [open] = await denialsFrom("203.0.113.51");
    // Raising the count of the open window: the one change allowed.
    await db.prisma.auditEvent.update({ where: { id: open!.id }, data: { count: { increment: 1 }, lastAt: new Date() } });
    // Anything else is refused: lowering it, rewriting what was recorded, deleting.
    await expect(db.prisma.auditEvent.update({ where: { id: open!.id }, data: { count: 1 } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.update({ where: { id: open!.id }, data: { count: { increment: 1 }, userAgent: "someone else" } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.update({ where: { id: open!.id }, data: { count: { increment: 1 }, windowEnd: new Date("2999-01-01T00:00:00Z") } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.delete({ where: { id: open!.id } })).rejects.toThrow(/append-only/);
    expect((await db.prisma.auditEvent.findUniqueOrThrow({ where: { id: open!.id } })).count).toBe(2);

    // A closed window is frozen.
    const closed = await db.prisma.auditEvent.create({
      data: { action: AUDIT.ACCESS_DENIED, outcome: "denied", ip: "203.0.113.52", count: 7, windowKey: "access.denied|not signed in|203.0.113.52|2020-01-01T00:00:00Z", windowEnd: new Date("2020-01-01T00:10:00Z"), lastAt: new Date("2020-01-01T00:09:00Z") },
    });
    await expect(db.prisma.auditEvent.update({ where: { id: closed.id }, data: { count: { increment: 1 }, lastAt: new Date() } })).rejects.toThrow(/append-only/);
    // An ordinary row cannot be bumped either.
    await recordAudit(db.prisma, { action: AUDIT.SIGN_IN, actor: "alice@acme.test", ip: "203.0.113.53" });
    await expect(db.prisma.auditEvent.updateMany({ where: { ip: "203.0.113.53" }, data: { count: { increment: 1 }, lastAt: new Date() } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  it("a new window starts a new row", async () => {
    const a = await recordAnonymousDenial(db.prisma, { ip: "203.0.113.54", reason: "not signed in" }, 1);
    expect(a).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await recordAnonymousDenial(db.prisma, { ip: "203.0.113.54", reason: "not signed in" }, 1)).toBe(1);
    expect(await denialsFrom("203.0.113.54")).toHaveLength(2);
  });

  it("bounds every stored header and text, for every row", async () => {
    const huge = "Mozilla/5.0 " + "A".repeat(100_000);
    const from = requestInfo(new Headers({ "x-forwarded-for": `203.0.113.55${"9".repeat(500)}`, "user-agent": huge }));
    expect(from.userAgent).toHaveLength(AUDIT_LIMITS.userAgent);
    await recordAudit(db.prisma, { action: AUDIT.SIGN_IN, outcome: "failure", actor: "x".repeat(5000), ip: "203.0.113.56", userAgent: huge, target: "t".repeat(5000), details: { reason: "r".repeat(100_000) } });
    await recordDenial(db.prisma, { ip: "203.0.113.57", userAgent: huge }, "t".repeat(5000), "not signed in");
    for (const ip of ["203.0.113.56", "203.0.113.57"]) {
      const [row] = await denialsOrSignIns(ip);
      expect(row!.userAgent!.length).toBe(AUDIT_LIMITS.userAgent);
      expect(row!.userAgent!.startsWith("Mozilla/5.0 AAA")).toBe(true);
      expect(row!.target!.length).toBe(AUDIT_LIMITS.target);
      expect(JSON.stringify(row!.details).length).toBeLessThan(AUDIT_LIMITS.details + 100);
    }
    expect((await denialsOrSignIns("203.0.113.56"))[0]!.actor!.length).toBe(AUDIT_LIMITS.actor);
  });

  const denialsOrSignIns = (ip: string) => db.prisma.auditEvent.findMany({ where: { ip } });
});
