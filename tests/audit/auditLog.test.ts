import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { AUDIT } from "@/lib/audit/auditEventKinds";
import { auditCsv, listAuditEvents, recordAudit } from "@/lib/audit/auditLog";
import { testDatabase, type DatabaseKind } from "@/testkit/database";

describe.each<DatabaseKind>(["postgres", "pglite"])("the audit log (%s)", (kind) => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  beforeAll(async () => {
    db = await testDatabase(kind);
    await recordAudit(db.prisma, { action: AUDIT.SIGN_IN, actor: "alice@acme.test", ip: "198.51.100.7", details: { method: "password" } });
    await recordAudit(db.prisma, { action: AUDIT.SIGN_IN, outcome: "failure", actor: "=HYPERLINK(\"http://evil\")", details: { reason: "wrong password" } });
    await recordAudit(db.prisma, { action: AUDIT.SCAN_STARTED, actor: "bob@acme.test", target: "scan #3" });
  });
  afterAll(() => db.dispose());

  it("cannot be edited or emptied: the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(db.prisma.auditEvent.updateMany({ data: { actor: "someone else" } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditEvent.count()).toBe(3);
  });

  it("lists newest first, filtered by action, outcome and who", async () => {
    expect((await listAuditEvents(db.prisma, {})).rows.map((r) => r.action)).toEqual([AUDIT.SCAN_STARTED, AUDIT.SIGN_IN, AUDIT.SIGN_IN]);
    expect((await listAuditEvents(db.prisma, { action: AUDIT.SIGN_IN, outcome: "failure" })).total).toBe(1);
    expect((await listAuditEvents(db.prisma, { actor: "ALICE" })).rows[0]!.ip).toBe("198.51.100.7");
    expect((await listAuditEvents(db.prisma, { action: "not.an.action" })).total).toBe(3);
  });

  it("exports as CSV with formula-like values neutralised", async () => {
    const rows = parse(await auditCsv(db.prisma, { action: AUDIT.SIGN_IN }), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.Actor)).toContain(`'=HYPERLINK("http://evil")`);
    expect(rows.find((r) => r.Outcome === "success")).toMatchObject({ Action: "Sign-in", From: "198.51.100.7", Details: '{"method":"password"}' });
  });
});
