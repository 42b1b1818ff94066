// `npm start`, before serving: migrate the database, create the first admin, fetch the known
// vendor list once (short timeout; offline is fine), and on a fresh install without AWS
// configuration load the demo organization. Lines starting "Sign in" are repeated by
// scripts/start.mjs once the server is up. A scan left running by a dead process (stale
// heartbeat) is marked interrupted here.
import { config } from "dotenv";
import { AUDIT } from "@/lib/audit/auditEventKinds";
import { recordAudit } from "@/lib/audit/auditLog";
import { ensureFirstAdmin } from "@/lib/auth/localUsers";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { fetchKnownVendors, VendorListError } from "@/lib/collect/knownVendors";
import { openDatabase } from "@/lib/db/client";
import { interruptStaleScans } from "@/lib/db/scanLiveness";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { replaceKnownVendors, vendorListMeta } from "@/lib/db/vendorStore";
import { awsConfigured, isDemoLoaded, loadDemo } from "@/lib/demo/demoOrganization";

config({ quiet: true });

const db = await openDatabase();
try {
  const where = db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `the embedded database in ${db.dataDir}`;
  console.log(db.migrationsApplied.length ? `Database: ${where}, ${db.migrationsApplied.length} migration(s) applied.` : `Database: ${where}, up to date.`);
  for (const id of await interruptStaleScans(db.prisma)) console.log(`Scan #${id} had lost its process (no heartbeat): marked interrupted, its finished accounts kept.`);

  const admin = await ensureFirstAdmin(db.prisma);
  if (admin) {
    await recordAudit(db.prisma, { action: AUDIT.USER_CREATED, actor: "vendorscope (first start)", target: admin.email, details: { role: "admin" } });
    console.log(
      admin.password
        ? `Sign in as ${admin.email} with password ${admin.password} (shown this once: change it under Dashboard users, or set VENDORSCOPE_ADMIN_PASSWORD before the first start).`
        : `Sign in as ${admin.email} with the password in VENDORSCOPE_ADMIN_PASSWORD.`,
    );
  }

  if (!(await vendorListMeta(db.prisma)) && process.env.VENDORSCOPE_KNOWN_ACCOUNTS_URL !== "off") {
    try {
      const list = await fetchKnownVendors({ timeoutMs: 5_000 });
      const meta = await db.prisma.$transaction((tx) => replaceKnownVendors(tx, list.entries, list.source));
      console.log(`Known vendor list: ${meta.accounts} accounts from ${meta.source}.`);
    } catch (error) {
      if (!(error instanceof VendorListError)) throw error;
      console.log(`Known vendor list not downloaded (${error.message}); offline, run 'npx vendorscope vendors update --file accounts.yaml' with a copy of the fwd:cloudsec list.`);
    }
  }

  const store = await InventoryStore.open(db, await loadActionCatalog());
  const demo = process.env.VENDORSCOPE_DEMO ?? "auto";
  const empty = (await db.prisma.scan.count()) === 0;
  if (demo !== "off" && empty && !(await isDemoLoaded(store)) && (demo === "on" || !awsConfigured())) {
    const started = Date.now();
    const scans = await loadDemo(store);
    const accounts = await db.prisma.account.count({ where: { removedScanId: null } });
    console.log(`Loaded the demo organization: ${accounts} accounts, ${scans.length} scans (${Math.round((Date.now() - started) / 100) / 10} s). To scan your own, see docs/deploy.md.`);
  } else if (empty) {
    console.log("No scan yet: run 'npx vendorscope scan' (live, read-only) or 'npx vendorscope scan --from DIR' (exported files); see docs/deploy.md.");
  }
  await db.close();
  process.exit(0);
} catch (error) {
  await db.close().catch(() => {});
  console.error(`npm start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
