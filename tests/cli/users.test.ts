import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { runCli } from "../helpers/cli";

const BIN = new URL("../../bin/vendorscope.mjs", import.meta.url).pathname;

describe("vendorscope users", { timeout: 180_000 }, () => {
  const env = { VENDORSCOPE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "vs-users-")), "pglite"), DATABASE_URL: "" };
  const withStdin = (args: string[], input: string) => {
    const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, input });
    return { code: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
  };

  it("adds users with a generated password shown once, or one read from stdin, never from the command line", async () => {
    const added = await runCli(["users", "add", "Ops@Acme.test", "--name", "Ops", "--role", "admin"], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added ops@acme\.test \(admin\)\. Password \(shown once\): [\w-]{24}\n$/);
    const fromStdin = withStdin(["users", "add", "viewer@acme.test", "--name", "Vee", "--password-stdin"], "a-password-from-stdin\n");
    expect(fromStdin).toMatchObject({ code: 0, stdout: "Added viewer@acme.test (viewer).\n" });
    expect((await runCli(["users", "add", "x@acme.test", "--name", "X", "--password", "secret"], env)).code).toBe(2);
    const short = withStdin(["users", "add", "y@acme.test", "--name", "Y", "--password-stdin"], "short\n");
    expect(short).toMatchObject({ code: 2, stderr: expect.stringContaining("at least 12 characters") });
  });

  it("lists, changes roles, disables and unlocks, refusing to remove the last admin; each change audited", async () => {
    expect((await runCli(["users", "list"], env)).stdout).toMatch(/ops@acme\.test\s+Ops\s+admin\s+active\s+never/);
    const last = await runCli(["users", "set-role", "ops@acme.test", "viewer"], env);
    expect(last).toMatchObject({ code: 1, stderr: "vendorscope users: This is the last active admin: make someone else admin first.\n" });
    expect((await runCli(["users", "set-role", "viewer@acme.test", "admin"], env)).code).toBe(0);
    expect((await runCli(["users", "disable", "ops@acme.test"], env)).stdout).toBe("ops@acme.test is disabled and signed out.\n");
    expect((await runCli(["users", "unlock", "ops@acme.test"], env)).code).toBe(0);
    expect((await runCli(["users", "set-role", "nobody@acme.test", "admin"], env)).code).toBe(1);
    expect((await runCli(["users", "frobnicate", "ops@acme.test"], env)).code).toBe(2);

    const db = await openDatabase({ dataDir: env.VENDORSCOPE_DATA_DIR });
    try {
      const events = await db.prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
      expect(events.map((e) => [e.action, e.target])).toEqual([
        ["user.created", "ops@acme.test"],
        ["user.created", "viewer@acme.test"],
        ["user.changed", "viewer@acme.test"],
        ["user.changed", "ops@acme.test"],
        ["user.changed", "ops@acme.test"],
      ]);
      expect(events[0]!.actor).toMatch(/^cli:/);
      expect(JSON.stringify(events)).not.toContain("a-password-from-stdin");
    } finally {
      await db.close();
    }
  });
});
