/**
 * npm run bench:analyze [-- --accounts 1000 --roles 300 --vendor-share 0.05 --encoding object|url]
 *
 * Generates a synthetic organization one account at a time (an export as JSON text, as a
 * file would hold it), parses and analyses it, and prints throughput and peak memory.
 * Generation time is excluded from the analysis figures.
 */
import { parseArgs } from "node:util";
import { AccountAnalyzer } from "../lib/analysis/accountAnalyzer";
import { AnalysisRun } from "../lib/analysis/analysisRun";
import { VendorDirectory } from "../lib/analysis/vendorList";
import { loadActionCatalog } from "../lib/catalog/iamActions";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "1000" },
    roles: { type: "string", default: "300" },
    "vendor-share": { type: "string", default: "0.05" },
    encoding: { type: "string", default: "object" },
  },
});
const ACCOUNTS = Number(values.accounts);
const ROLES = Number(values.roles);
const VENDOR_SHARE = Number(values["vendor-share"]);
const URL_ENCODED = values.encoding === "url";

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const SERVICES = ["s3", "ec2", "lambda", "dynamodb", "sqs", "sns", "logs", "cloudwatch", "kms", "secretsmanager", "ecs", "ecr", "rds", "glue", "athena"];
const VERBS = ["Get*", "List*", "Describe*", "Put*", "Delete*", "Create*", "Update*", "*"];
const doc = (statements: object[]) => ({ Version: "2012-10-17", Statement: statements });

/** Shared policies: what AWS managed and org-wide customer policies look like. */
const SHARED_POLICIES = [
  { arn: "arn:aws:iam::aws:policy/AdministratorAccess", document: doc([{ Effect: "Allow", Action: "*", Resource: "*" }]) },
  { arn: "arn:aws:iam::aws:policy/ReadOnlyAccess", document: doc([{ Effect: "Allow", Action: SERVICES.flatMap((s) => [`${s}:Get*`, `${s}:List*`, `${s}:Describe*`]), Resource: "*" }]) },
  { arn: "arn:aws:iam::aws:policy/SecurityAudit", document: doc([{ Effect: "Allow", Action: ["iam:Get*", "iam:List*", "config:Describe*", "cloudtrail:Describe*", "ec2:Describe*", "s3:GetBucket*"], Resource: "*" }]) },
  { arn: "arn:aws:iam::aws:policy/PowerUserAccess", document: doc([{ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }]) },
  ...Array.from({ length: 40 }, (_, i) => ({
    arn: `arn:aws:iam::aws:policy/service-role/Service${i}Policy`,
    document: doc(
      Array.from({ length: 3 }, (_, j) => ({
        Effect: "Allow",
        Action: [`${SERVICES[(i + j) % SERVICES.length]}:${VERBS[(i * 3 + j) % VERBS.length]}`, `${SERVICES[(i + 2 * j + 1) % SERVICES.length]}:Get*`],
        Resource: "*",
      })),
    ),
  })),
];
const VENDOR_POLICIES = SHARED_POLICIES.slice(0, 4).map((p) => p.arn);
const VENDOR_ACCOUNTS = Array.from({ length: 60 }, (_, i) => String(400000000000 + i * 7919));
const SERVICE_PRINCIPALS = ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com"];

function accountExport(accountId: string, index: number): string {
  const encode = (d: object) => (URL_ENCODED ? encodeURIComponent(JSON.stringify(d)) : d);
  const roles = Array.from({ length: ROLES }, (_, r) => {
    const vendor = random() < VENDOR_SHARE;
    const internal = !vendor && random() < 0.02;
    const principal = vendor
      ? { AWS: `arn:aws:iam::${pick(VENDOR_ACCOUNTS)}:root` }
      : internal
        ? { AWS: "arn:aws:iam::100000000000:root" }
        : { Service: pick(SERVICE_PRINCIPALS) };
    const condition = vendor && random() < 0.7 ? { Condition: { StringEquals: { "sts:ExternalId": `ext-${index}-${r}` } } } : {};
    const attached = vendor ? [pick(VENDOR_POLICIES)] : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SHARED_POLICIES).arn);
    const inline =
      !vendor && random() < 0.2
        ? [{ PolicyName: "app", PolicyDocument: encode(doc([{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::bucket-${index}-${r}/*` }])) }]
        : [];
    return {
      Path: "/",
      RoleName: `role-${r}`,
      RoleId: `AROA${String(index).padStart(6, "0")}${String(r).padStart(10, "0")}`,
      Arn: `arn:aws:iam::${accountId}:role/role-${r}`,
      CreateDate: "2024-01-01T00:00:00Z",
      AssumeRolePolicyDocument: encode(doc([{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...condition }])),
      RolePolicyList: inline,
      AttachedManagedPolicies: [...new Set(attached)].map((arn) => ({ PolicyArn: arn, PolicyName: arn.split("/").pop() })),
      RoleLastUsed: random() < 0.5 ? { LastUsedDate: "2026-11-01T00:00:00Z", Region: "us-east-1" } : {},
      Tags: [],
    };
  });
  const Policies = SHARED_POLICIES.map((p) => ({
    PolicyName: p.arn.split("/").pop(),
    Arn: p.arn,
    DefaultVersionId: "v1",
    PolicyVersionList: [{ Document: encode(p.document), VersionId: "v1", IsDefaultVersion: true }],
  }));
  return JSON.stringify({ RoleDetailList: roles, UserDetailList: [], GroupDetailList: [], Policies });
}

const catalog = await loadActionCatalog();
const run = new AnalysisRun(new AccountAnalyzer(catalog));
let analysisMs = 0;
let bytes = 0;
for (let a = 0; a < ACCOUNTS; a++) {
  const accountId = String(100000000000 + a);
  const text = accountExport(accountId, a);
  bytes += text.length;
  const start = performance.now();
  run.add(`${accountId}.json`, JSON.parse(text));
  analysisMs += performance.now() - start;
}
const start = performance.now();
const report = run.report({ vendors: new VendorDirectory(), now: new Date() });
analysisMs += performance.now() - start;

const roles = ACCOUNTS * ROLES;
const stats = run.analyzer.stats;
console.log(`synthetic organization: ${ACCOUNTS} accounts × ${ROLES} roles = ${roles.toLocaleString("en-US")} roles, ${(bytes / 1e6).toFixed(0)} MB of ${URL_ENCODED ? "URL-encoded" : "object"} exports`);
console.log(`trusts found:           ${report.trusts.length.toLocaleString("en-US")} (${report.trusts.filter((t) => !t.internal).length.toLocaleString("en-US")} third-party), ${report.errors.length} errors`);
console.log(`distinct analysed:      ${stats.trustDocuments.toLocaleString("en-US")} trust documents, ${stats.permissionDocuments} permission documents, ${stats.permissionSets} permission sets`);
console.log(`analysis time:          ${(analysisMs / 1000).toFixed(2)} s (JSON.parse + analysis, generation excluded)`);
console.log(`throughput:             ${Math.round(roles / (analysisMs / 1000)).toLocaleString("en-US")} roles/s`);
console.log(`peak memory (max RSS):  ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
process.exit(0);
