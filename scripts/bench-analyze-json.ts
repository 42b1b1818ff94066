/**
 * npm run bench:analyze-json [-- --accounts 200 --roles 300 --vendor-share 0.5 --command analyze|export]
 *
 * Writes a synthetic organization's exports to a temporary directory (one
 * get-account-authorization-details file per account and a list-accounts file), then runs
 * the real CLI `vendorscope analyze DIR --json` (or, with --command export, imports the files
 * with `scan --from` into a temporary embedded database and times `vendorscope export --json`)
 * with stdout read through a pipe, and prints the output size, wall time and the CLI
 * process's peak memory (max RSS, from GNU time when installed).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { syntheticOrganization } from "../testkit/fakeAws/syntheticOrganization";
import { runTimedCli } from "./timedCli";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "200" },
    roles: { type: "string", default: "300" },
    "vendor-share": { type: "string", default: "0.5" },
    command: { type: "string", default: "analyze" },
    keep: { type: "boolean", default: false },
  },
});

const dir = mkdtempSync(join(tmpdir(), "vendorscope-bench-json-"));
const exportsDir = join(dir, "exports");
const org = syntheticOrganization({ accounts: Number(values.accounts), rolesPerAccount: Number(values.roles), vendorShare: Number(values["vendor-share"]) });
let inputBytes = 0;
const write = (file: string, value: unknown) => {
  const text = JSON.stringify(value);
  inputBytes += text.length;
  writeFileSync(join(exportsDir, file), text);
};
(await import("node:fs")).mkdirSync(exportsDir);
write("list-accounts.json", { Accounts: org.accounts.map((a) => ({ Id: a.id, Arn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${a.id}`, Name: a.name, Email: a.email, Status: a.status })) });
for (const account of org.accounts) write(`${account.id}-authz.json`, await account.authorizationDetails());
const roles = org.accounts.length * Number(values.roles);
console.log(`synthetic organization: ${org.accounts.length} accounts × ${values.roles} roles = ${roles.toLocaleString("en-US")} roles, ${(inputBytes / 1e6).toFixed(0)} MB of exports`);


const env: Record<string, string> = { VENDORSCOPE_DATA_DIR: join(dir, "pglite"), DATABASE_URL: "", NODE_OPTIONS: process.env.NODE_OPTIONS ?? "" };
if (values.command === "export") {
  const imported = await runTimedCli(["scan", "--from", exportsDir], env);
  console.log(`scan --from:            exit ${imported.code}, ${imported.seconds.toFixed(1)} s`);
}
const args = values.command === "export" ? ["export", "--json"] : ["analyze", exportsDir, "--json"];
const result = await runTimedCli(args, env);
console.log(`vendorscope ${args[0]} --json: exit ${result.code}`);
console.log(`output:                 ${(result.bytes / 1e6).toFixed(0)} MB`);
console.log(`wall time:              ${result.seconds.toFixed(1)} s`);
console.log(`peak memory (max RSS):  ${result.maxRssMb === null ? "unknown (no GNU time)" : `${result.maxRssMb.toFixed(0)} MB`}`);
if (result.code !== 0) console.log(`stderr:\n${result.stderr.split("\n").slice(0, 8).join("\n")}`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
else console.log(`files kept in ${dir}`);
process.exit(0);
