/**
 * The stored inventory the query tests read: the Acme fixture imported twice, first without
 * legacy-ci, then as today with a vendor user (path /vendors/Acme Backup/) holding a key, the
 * known vendor list and one admin mapping (888877776666 → Initech Consulting).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { ActionCatalog } from "@/lib/analysis/actionCatalog";
import { parseVendorList } from "@/lib/analysis/vendorList";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { openDatabase, type Database } from "@/lib/db/client";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { replaceKnownVendors, setUserMapping } from "@/lib/db/vendorStore";
import { importFiles } from "@/lib/scan/sources/fileImport";
import { silentProgress } from "@/lib/scan/progress";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;

export interface AcmeInventory {
  catalog: ActionCatalog;
  db: Database & { dispose(): Promise<void> };
  /** The id of the second (today's) scan. */
  secondScan: number;
}

/**
 * A database of its own holding the two Acme scans; dispose of `db` when done. The inventory is
 * built once per test run (by whichever file asks first, into the run directory) and each
 * caller opens a copy, so the query test files don't each import the fixture again.
 */
export async function acmeInventory(): Promise<AcmeInventory> {
  const catalog = await loadActionCatalog();
  const { dataDir, secondScan } = await seededTemplate(catalog);
  const copy = mkdtempSync(join(tmpdir(), "vs-acme-inventory-"));
  cpSync(dataDir, copy, { recursive: true });
  const opened = await openDatabase({ dataDir: copy });
  const db = {
    ...opened,
    async dispose() {
      await opened.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
  return { catalog, db, secondScan };
}

interface Template {
  dataDir: string;
  secondScan: number;
}

async function seededTemplate(catalog: ActionCatalog): Promise<Template> {
  const root = inject("runDirectory");
  const dataDir = join(root, "acme-inventory");
  const ready = join(root, "acme-inventory.json");
  let seeder = true;
  try {
    mkdirSync(`${dataDir}.seeding`);
  } catch {
    seeder = false;
  }
  if (seeder) {
    try {
      const db = await openDatabase({ dataDir });
      try {
        const secondScan = await seed(db, catalog);
        await db.close();
        writeFileSync(ready, JSON.stringify({ secondScan }));
      } catch (error) {
        await db.close();
        throw error;
      }
    } catch (error) {
      writeFileSync(ready, JSON.stringify({ error: String(error) }));
      throw error;
    }
  }
  while (!existsSync(ready)) await new Promise((r) => setTimeout(r, 100));
  const result = JSON.parse(readFileSync(ready, "utf8")) as { secondScan: number } | { error: string };
  if ("error" in result) throw new Error(`seeding the Acme inventory failed in another test file: ${result.error}`);
  return { dataDir, secondScan: result.secondScan };
}

/** Imports the earlier and today's Acme exports; returns the second scan's id. */
async function seed(db: Database, catalog: ActionCatalog): Promise<number> {
  const store = await InventoryStore.open(db, catalog);
  const known = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
  await db.prisma.$transaction((tx) => replaceKnownVendors(tx, known, "test"));
  await setUserMapping(db.prisma, "888877776666", "Initech Consulting");
  // An earlier state without legacy-ci, then today's Acme with a vendor user holding a key.
  const earlier = mkdtempSync(join(tmpdir(), "vs-queries-"));
  cpSync(ACME, earlier, { recursive: true });
  const prodPath = join(earlier, "prod-authz.json");
  const prod = JSON.parse(readFileSync(prodPath, "utf8"));
  prod.RoleDetailList = prod.RoleDetailList.filter((r: { RoleName: string }) => r.RoleName !== "legacy-ci");
  writeFileSync(prodPath, JSON.stringify(prod));
  await importFiles(store, earlier, { trigger: "test" }, silentProgress);
  const today = mkdtempSync(join(tmpdir(), "vs-queries-"));
  cpSync(ACME, today, { recursive: true });
  const mgmtPath = join(today, "management-authz.json");
  const mgmt = JSON.parse(readFileSync(mgmtPath, "utf8"));
  mgmt.UserDetailList.push({ ...mgmt.UserDetailList[0], UserName: "acme-backup", Path: "/vendors/Acme Backup/", Arn: "arn:aws:iam::210000000001:user/vendors/Acme Backup/acme-backup" });
  writeFileSync(mgmtPath, JSON.stringify(mgmt));
  writeFileSync(
    join(today, "management-credential-report.csv"),
    [
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
      "ci-deployer,arn:aws:iam::210000000001:user/ci-deployer,2023-05-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2024-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
      "acme-backup,arn:aws:iam::210000000001:user/vendors/Acme Backup/acme-backup,2023-05-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2026-11-01T00:00:00+00:00,2026-11-26T00:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
    ].join("\n"),
  );
  return (await importFiles(store, today, { trigger: "test" }, silentProgress)).id;
}
