/**
 * The demo organization (demo/, made by scripts/demo/generateDemo.ts): export files in the format
 * users export, imported as a few scans dated like the snapshots, moved so that the newest is
 * an hour ago (dates inside the files move with it, so "unused" and key ages read the same on
 * any day). Used by `npm start` on a fresh install without AWS configuration.
 */
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { parseVendorList } from "../analysis/vendorList";
import { REPO_ROOT } from "../paths";
import type { InventoryStore } from "../db/inventoryStore";
import type { ScanResult } from "../db/scanTypes";
import { setUserMapping } from "../db/vendorStore";
import { importFiles } from "../scan/sources/fileImport";
import { silentProgress } from "../scan/progress";
import { DEMO_SETTING, demoLoaded } from "./demoSetting";

export const DEMO_DIR = join(REPO_ROOT, "demo");
const SNAPSHOT = /^\d+-(\d{4}-\d{2}-\d{2})$/;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

export interface DemoSnapshot {
  dir: string;
  date: Date;
}

export async function demoSnapshots(demoDir = DEMO_DIR): Promise<DemoSnapshot[]> {
  const names = (await readdir(join(demoDir, "snapshots"))).filter((n) => SNAPSHOT.test(n));
  return names
    .map((name) => ({ dir: join(demoDir, "snapshots", name), date: new Date(`${SNAPSHOT.exec(name)![1]}T12:00:00Z`), order: Number(name.split("-")[0]) }))
    .sort((a, b) => a.order - b.order)
    .map(({ dir, date }) => ({ dir, date }));
}

/** Every ISO timestamp in the text moved by `ms`. */
export function shiftDates(text: string, ms: number): string {
  return text.replace(ISO_DATE, (iso) => {
    const moved = new Date(new Date(iso).getTime() + ms).toISOString();
    return iso.endsWith("Z") && !iso.includes(".") ? moved.replace(/\.\d{3}Z$/, "Z") : moved;
  });
}

async function shiftedCopy(dir: string, ms: number): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), "vendorscope-demo-"));
  await cp(dir, copy, { recursive: true });
  for (const name of await readdir(copy)) {
    if (!/\.(json|csv)$/.test(name)) continue;
    const path = join(copy, name);
    await writeFile(path, shiftDates(await readFile(path, "utf8"), ms));
  }
  return copy;
}

/** True when the AWS SDK would find credentials or a profile: then `npm start` does not load the demo. */
export function awsConfigured(env: Record<string, string | undefined> = process.env, home = homedir()): boolean {
  const keys = ["AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"];
  if (keys.some((k) => env[k])) return true;
  const files = [env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, ".aws", "credentials"), env.AWS_CONFIG_FILE ?? join(home, ".aws", "config")];
  return files.some((f) => existsSync(f));
}

export const isDemoLoaded = (store: InventoryStore) => demoLoaded(store.prisma);

/** Imports the demo organization: its vendor names, then each snapshot as a scan. */
export async function loadDemo(store: InventoryStore, options: { now?: Date; demoDir?: string } = {}): Promise<ScanResult[]> {
  const demoDir = options.demoDir ?? DEMO_DIR;
  const snapshots = await demoSnapshots(demoDir);
  if (snapshots.length === 0) throw new Error(`no demo snapshots in ${demoDir}/snapshots`);
  const vendors = parseVendorList(await readFile(join(demoDir, "vendors.yaml"), "utf8"), "user");
  for (const entry of vendors.entries) await setUserMapping(store.prisma, entry.accountId, entry.name);
  const newest = snapshots[snapshots.length - 1]!.date;
  const shift = (options.now ?? new Date()).getTime() - 3_600_000 - newest.getTime();
  const results: ScanResult[] = [];
  for (const snapshot of snapshots) {
    const copy = await shiftedCopy(snapshot.dir, shift);
    try {
      results.push(await importFiles(store, copy, { trigger: "demo", startedBy: "demo", asOf: new Date(snapshot.date.getTime() + shift) }, silentProgress));
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }
  await store.prisma.setting.create({ data: { key: DEMO_SETTING, value: { loadedAt: new Date().toISOString(), scans: results.map((r) => r.id) } } });
  return results;
}
