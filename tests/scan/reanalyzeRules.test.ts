/**
 * `vendorscope reanalyze` judges the stored raw exports with the analysis as it is now: a trust
 * stored by an older version that read a policy wrongly is corrected, with the change recorded.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { importFiles } from "@/lib/scan/sources/fileImport";
import { silentProgress } from "@/lib/scan/progress";
import { reanalyze } from "@/lib/scan/sources/reanalyze";
import { testDatabase } from "@/testkit/database";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "vendorscope-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("re-analysis applies today's rules to stored exports (a presence-only ExternalId is weak)", async () => {
  cpSync(ACME, dir, { recursive: true });
  const file = join(dir, "prod-authz.json");
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const role = doc.RoleDetailList.find((r: { RoleName: string }) => r.RoleName === "contractor-admin");
  role.AssumeRolePolicyDocument.Statement[0].Condition = { Null: { "sts:ExternalId": "false" } };
  writeFileSync(file, JSON.stringify(doc));

  const db = await testDatabase("pglite");
  try {
    const store = await InventoryStore.open(db, await loadActionCatalog());
    expect((await importFiles(store, dir, { trigger: "test" }, silentProgress)).status).toBe("succeeded");
    const where = { role: { name: "contractor-admin" }, removedScanId: null };
    expect(await db.prisma.trust.findFirstOrThrow({ where })).toMatchObject({ externalId: "weak" });

    // As an older analysis stored it: presence-only read as no ExternalId at all.
    await db.prisma.trust.updateMany({ where, data: { externalId: "missing" } });
    const result = await reanalyze(store, { trigger: "test" }, silentProgress);
    expect(result.status).toBe("succeeded");
    expect(await db.prisma.trust.findFirstOrThrow({ where })).toMatchObject({ externalId: "weak" });
    const events = await db.prisma.changeEvent.findMany({ where: { scanId: result.id, kind: "EXTERNAL_ID_CHANGED" } });
    expect(events.map((e) => e.summary)).toEqual([expect.stringMatching(/^ExternalId missing → weak: .*contractor-admin$/)]);
  } finally {
    await db.dispose();
  }
});
