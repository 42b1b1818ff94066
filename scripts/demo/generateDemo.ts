/**
 * Generates the DEMO organization (`demo/`): "Meridian Freight", a fictional AWS Organization
 * of 20 accounts and 16 fictional vendors, exported at three points in time in exactly the
 * files a user produces:
 *
 *   demo/vendors.yaml                            the organization's own vendor mappings
 *   demo/snapshots/<N>-<date>/list-accounts.json     aws organizations list-accounts
 *   demo/snapshots/<N>-<date>/<account>-authz.json   aws iam get-account-authorization-details
 *   demo/snapshots/<N>-<date>/<account>-credential-report.csv   (a few accounts)
 *   demo/snapshots/<N>-<date>/<account>-resources.json   resource policies and shares (a few accounts)
 *
 * Deterministic: no randomness and no clock. Ids come from hashes of names and every date is
 * fixed or relative to the snapshot's date, so re-running reproduces demo/ byte for byte
 * (tests/demo/demoOrganization.test.ts checks it). demo/README.md is written by hand.
 *
 *   npx tsx scripts/demo/generateDemo.ts [OUT_DIR]     (default: demo/ at the repository root)
 *
 * The organization and its snapshots are in organization.ts, each vendor's story in stories/,
 * which story plays in which account in accountPlan.ts, and the AWS CLI file formats in
 * awsCliFiles.ts.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildAccount } from "./accountPlan";
import { authorizationDetails, cliJson, credentialReport, listAccounts, vendorsYaml } from "./awsCliFiles";
import { DEMO_ACCOUNTS, DEMO_SNAPSHOTS } from "./organization";
import { resourceExport } from "./resourceExports";

export { DEMO_ACCOUNTS, DEMO_ORG_ID, DEMO_SNAPSHOTS, DEMO_UNKNOWN_ACCOUNTS, DEMO_VENDORS, HOSTILE_ROLE_NAME, type DemoSnapshot } from "./organization";

/** Every generated file, by path relative to the demo directory. */
export function demoFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set("vendors.yaml", vendorsYaml());
  for (const snapshot of DEMO_SNAPSHOTS) {
    const dir = `snapshots/${snapshot.dir}`;
    files.set(`${dir}/list-accounts.json`, cliJson(listAccounts(snapshot)));
    for (const account of DEMO_ACCOUNTS) {
      if (account.since > snapshot.index) continue;
      const b = buildAccount(account, snapshot);
      files.set(`${dir}/${account.name}-authz.json`, cliJson(authorizationDetails(b)));
      if (account.credentialReport) files.set(`${dir}/${account.name}-credential-report.csv`, credentialReport(b));
      const resources = resourceExport(account.id, snapshot);
      if (resources) files.set(`${dir}/${account.name}-resources.json`, cliJson(resources));
    }
  }
  return files;
}

/**
 * Writes the demo into `outDir`: `vendors.yaml` and `snapshots/` (replaced as a whole, so no
 * stale file survives). Anything else in `outDir` (the README) is left alone.
 */
export async function writeDemo(outDir: string): Promise<string[]> {
  await rm(join(outDir, "snapshots"), { recursive: true, force: true });
  const files = demoFiles();
  for (const [path, content] of files) {
    const target = join(outDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return [...files.keys()];
}

export const DEFAULT_DEMO_DIR = fileURLToPath(new URL("../../demo/", import.meta.url));

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const outDir = resolve(process.argv[2] ?? DEFAULT_DEMO_DIR);
  const written = await writeDemo(outDir);
  console.log(`Wrote ${written.length} files to ${outDir}`);
}
