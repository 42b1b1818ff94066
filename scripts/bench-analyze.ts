/**
 * npm run bench:analyze [-- --accounts 200 --roles 300 --vendor-share 0.05 --encoding object|url --profile shared,diverse --keep]
 *
 * Generates a synthetic organization one account at a time (an export as JSON text, as a
 * file would hold it) in each profile, and measures (1) the analysis in this process (JSON.parse
 * and analysis; generation excluded) and (2) what a user waits for: the whole
 * `vendorscope analyze DIR --json` process on the files written out (start, reading, parsing,
 * analysis, output to a pipe), with its peak memory (max RSS, from GNU time when installed).
 *
 * Profiles: `shared` — roles attach a few of 44 policies shared by every account (what AWS
 * managed policies look like: the analysis memo's best case); `diverse` — every account has
 * 30 customer-managed policies of its own, each role attaches 1–3 of them plus an inline
 * policy for 20% of roles (thousands of distinct combinations); 5% of roles trust vendors,
 * 10% other member accounts.
 *
 * Each profile is then measured again with guardrails (`--guardrails`, default on): the
 * accounts in five OUs, FullAWSAccess, a teardown Deny on the root, an IAM Deny sparing admin
 * roles by aws:PrincipalArn on one OU, an allow-list SCP on another, a region Deny nobody can
 * judge, and an RCP perimeter that lets in half the vendor accounts — as the Organizations
 * CLI outputs `analyze` reads (docs/analysis.md, "Guardrails").
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { AccountAnalyzer } from "../lib/analysis/accountAnalyzer";
import { AnalysisRun } from "../lib/analysis/analysisRun";
import { VendorDirectory } from "../lib/analysis/vendorList";
import { loadActionCatalog } from "../lib/catalog/iamActions";
import { runTimedCli } from "./timedCli";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "200" },
    roles: { type: "string", default: "300" },
    "vendor-share": { type: "string", default: "0.05" },
    encoding: { type: "string", default: "object" },
    profile: { type: "string", default: "shared,diverse" },
    keep: { type: "boolean", default: false },
    guardrails: { type: "boolean", default: true },
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

const encode = (d: object) => (URL_ENCODED ? encodeURIComponent(JSON.stringify(d)) : d);

/** One RoleDetailList entry. */
function roleEntry(accountId: string, index: number, r: number, trust: object, attached: string[], inline: object[], used: boolean) {
  return {
    Path: "/",
    RoleName: `role-${r}`,
    RoleId: `AROA${String(index).padStart(6, "0")}${String(r).padStart(10, "0")}`,
    Arn: `arn:aws:iam::${accountId}:role/role-${r}`,
    CreateDate: "2024-01-01T00:00:00Z",
    AssumeRolePolicyDocument: encode(doc([trust])),
    RolePolicyList: inline,
    AttachedManagedPolicies: [...new Set(attached)].map((arn) => ({ PolicyArn: arn, PolicyName: arn.split("/").pop() })),
    RoleLastUsed: used ? { LastUsedDate: "2026-11-01T00:00:00Z", Region: "us-east-1" } : {},
    Tags: [],
  };
}

/** The account's export: its roles and managed policies (each with one default version). */
function exportText(roles: object[], policies: readonly { arn: string; document: object }[]): string {
  const Policies = policies.map((p) => ({
    PolicyName: p.arn.split("/").pop(),
    Arn: p.arn,
    DefaultVersionId: "v1",
    PolicyVersionList: [{ Document: encode(p.document), VersionId: "v1", IsDefaultVersion: true }],
  }));
  return JSON.stringify({ RoleDetailList: roles, UserDetailList: [], GroupDetailList: [], Policies });
}

function sharedAccountExport(accountId: string, index: number): string {
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
    return roleEntry(accountId, index, r, { Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...condition }, attached, inline, random() < 0.5);
  });
  return exportText(roles, SHARED_POLICIES);
}

const ACTION_VERBS = ["Get*", "List*", "Describe*", "Put*", "Delete*", "Create*", "Update*", "Start*", "Stop*", "Tag*", "*"];
const MORE_SERVICES = [...SERVICES, "iam", "sts", "cloudformation", "codebuild", "sagemaker", "redshift", "elasticloadbalancing", "autoscaling", "route53", "apigateway", "events", "states", "kinesis", "firehose", "es"];
const MEMBER_COUNT = () => ACCOUNTS;

/** mulberry32: the diverse profile needs a generator without a short cycle (the one above has one). */
let diverseSeed = 42;
function diverseRandom(): number {
  diverseSeed = (diverseSeed + 0x6d2b79f5) | 0;
  let t = Math.imul(diverseSeed ^ (diverseSeed >>> 15), 1 | diverseSeed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pickDiverse = <T>(list: readonly T[]): T => list[Math.floor(diverseRandom() * list.length)]!;

/** A customer-managed policy as teams write them: a few statements over a few services, some Denies, some NotAction. */
function teamPolicy(): object {
  const statements = Array.from({ length: 1 + Math.floor(diverseRandom() * 4) }, () => {
    const actions = Array.from({ length: 1 + Math.floor(diverseRandom() * 6) }, () => `${pickDiverse(MORE_SERVICES)}:${pickDiverse(ACTION_VERBS)}`);
    const roll = diverseRandom();
    if (roll < 0.08) return { Effect: "Deny", Action: actions, Resource: "*" };
    if (roll < 0.13) return { Effect: "Allow", NotAction: [`${pickDiverse(MORE_SERVICES)}:*`, "iam:*"], Resource: "*" };
    return { Effect: "Allow", Action: actions, Resource: diverseRandom() < 0.6 ? "*" : `arn:aws:${pickDiverse(SERVICES)}:::res-${Math.floor(diverseRandom() * 1e6)}/*` };
  });
  return doc(statements);
}

function diverseAccountExport(accountId: string, index: number): string {
  const policies = Array.from({ length: 30 }, (_, i) => ({ arn: `arn:aws:iam::${accountId}:policy/team-${i}`, document: teamPolicy() }));
  const roles = Array.from({ length: ROLES }, (_, r) => {
    const roll = diverseRandom();
    const principal =
      roll < 0.05
        ? { AWS: diverseRandom() < 0.5 ? `arn:aws:iam::${pickDiverse(VENDOR_ACCOUNTS)}:root` : `arn:aws:iam::${pickDiverse(VENDOR_ACCOUNTS)}:role/integration-${Math.floor(diverseRandom() * 5)}` }
        : roll < 0.15
          ? { AWS: `arn:aws:iam::${100000000000 + Math.floor(diverseRandom() * MEMBER_COUNT())}:root` }
          : { Service: pickDiverse(SERVICE_PRINCIPALS) };
    const condition = roll < 0.05 && diverseRandom() < 0.7 ? { Condition: { StringEquals: { "sts:ExternalId": `ext-${index}-${r}` } } } : {};
    const attached = Array.from({ length: 1 + Math.floor(diverseRandom() * 3) }, () => pickDiverse(policies).arn);
    const inline = diverseRandom() < 0.2 ? [{ PolicyName: "inline", PolicyDocument: encode(teamPolicy()) }] : [];
    return roleEntry(accountId, index, r, { Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...condition }, attached, inline, diverseRandom() < 0.5);
  });
  return exportText(roles, policies);
}

const PROFILES = { shared: sharedAccountExport, diverse: diverseAccountExport } as const;

/** The organization's SCPs, RCPs and tree as the Organizations CLI prints them: file name → document. */
function guardrailFiles(members: readonly string[]): Map<string, object> {
  const files = new Map<string, object>();
  const ous = Array.from({ length: 5 }, (_, k) => `ou-bnch-${String(k).padStart(8, "0")}`);
  const policy = (id: string, name: string, type: string, statements: object[], targets: string[]) => {
    files.set(`guardrails/${id}.json`, { Policy: { PolicySummary: { Id: id, Name: name, Type: type }, Content: JSON.stringify(doc(statements)) } });
    files.set(`guardrails/${id}.targets.json`, { Targets: targets.map((t) => ({ TargetId: t })) });
  };
  for (const ou of ous) files.set(`guardrails/${ou}.parents.json`, { Parents: [{ Id: "r-bnch", Type: "ROOT" }] });
  members.forEach((id, a) => files.set(`guardrails/${id}.parents.json`, { Parents: [{ Id: ous[a % ous.length], Type: "ORGANIZATIONAL_UNIT" }] }));
  const SCP = "SERVICE_CONTROL_POLICY";
  policy("p-FullAWSAccess", "FullAWSAccess", SCP, [{ Effect: "Allow", Action: "*", Resource: "*" }], ["r-bnch", ...ous.filter((_, k) => k !== 1), ...members]);
  policy("p-teardown01", "DenyTeardown", SCP, [{ Effect: "Deny", Action: ["ec2:TerminateInstances", "rds:Delete*", "s3:DeleteBucket", "dynamodb:DeleteTable", "kms:ScheduleKeyDeletion"], Resource: "*" }], ["r-bnch"]);
  policy("p-protectiam", "ProtectIam", SCP, [{ Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/role-1*" } } }], [ous[0]!]);
  policy("p-allowlist1", "WorkloadServices", SCP, [{ Effect: "Allow", Action: ["s3:*", "ec2:*", "logs:*", "cloudwatch:*", "dynamodb:*", "sqs:*", "sns:*", "lambda:*", "kms:*"], Resource: "*" }], [ous[1]!]);
  policy("p-regions001", "OnlyOurRegions", SCP, [{ Effect: "Deny", NotAction: ["iam:*", "sts:*", "organizations:*", "support:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] } } }], ["r-bnch"]);
  const approved = VENDOR_ACCOUNTS.filter((_, i) => i % 2 === 0);
  policy("p-perimeter1", "DataPerimeter", "RESOURCE_CONTROL_POLICY", [
    { Effect: "Deny", Principal: "*", Action: ["sts:AssumeRole", "s3:*", "kms:*"], Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-bench", "aws:PrincipalAccount": approved }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } },
  ], ["r-bnch"]);
  return files;
}
const catalog = await loadActionCatalog();
const roles = ACCOUNTS * ROLES;
const rate = (seconds: number) => `${Math.round(roles / seconds).toLocaleString("en-US")} roles/s`;


for (const profile of values.profile!.split(",") as (keyof typeof PROFILES)[]) {
  seed = 42;
  diverseSeed = 42;
  const generate = PROFILES[profile];
  const dir = mkdtempSync(join(tmpdir(), `vendorscope-bench-${profile}-`));
  const run = new AnalysisRun(new AccountAnalyzer(catalog));
  let analysisMs = 0;
  let bytes = 0;
  try {
    const members = Array.from({ length: ACCOUNTS }, (_, a) => String(100000000000 + a));
    writeFileSync(join(dir, "list-accounts.json"), JSON.stringify({ Accounts: members.map((id) => ({ Id: id, Arn: `arn:aws:organizations::${members[0]}:account/o-bench/${id}`, Name: `account-${id}`, Status: "ACTIVE" })) }));
    run.add("list-accounts.json", { Accounts: members.map((id) => ({ Id: id, Arn: `arn:aws:organizations::${members[0]}:account/o-bench/${id}`, Name: `account-${id}`, Status: "ACTIVE" })) });
    mkdirSync(dir, { recursive: true });
    for (let a = 0; a < ACCOUNTS; a++) {
      const text = generate(members[a]!, a);
      bytes += text.length;
      writeFileSync(join(dir, `${members[a]}.json`), text);
      const start = performance.now();
      run.add(`${members[a]}.json`, JSON.parse(text));
      analysisMs += performance.now() - start;
    }
    const start = performance.now();
    const inventory = run.inventoryDocument({ vendors: new VendorDirectory(), now: new Date() });
    const lastJudgeMs = performance.now() - start;
    analysisMs += lastJudgeMs;
    const stats = run.analyzer.stats;
    const endToEnd = await runTimedCli(["analyze", dir, "--json"]);
    console.log(`\nprofile ${profile}: ${ACCOUNTS} accounts × ${ROLES} roles = ${roles.toLocaleString("en-US")} roles, ${(bytes / 1e6).toFixed(0)} MB of ${URL_ENCODED ? "URL-encoded" : "object"} exports`);
    console.log(`  trusts found:           ${inventory.trusts.length.toLocaleString("en-US")} (${inventory.trusts.filter((t) => !t.internal).length.toLocaleString("en-US")} third-party), ${inventory.errors.length} errors`);
    console.log(`  distinct analysed:      ${stats.trustDocuments.toLocaleString("en-US")} trust documents, ${stats.permissionDocuments.toLocaleString("en-US")} permission documents, ${stats.permissionSets.toLocaleString("en-US")} permission sets`);
    console.log(`  in this process:        ${(analysisMs / 1000).toFixed(2)} s, ${rate(analysisMs / 1000)} (JSON.parse + analysis)`);
    console.log(`  vendorscope analyze --json: exit ${endToEnd.code}, ${endToEnd.seconds.toFixed(2)} s, ${rate(endToEnd.seconds)} end to end, ${(endToEnd.bytes / 1e6).toFixed(0)} MB output, peak RSS ${endToEnd.maxRssMb === null ? "unknown (no GNU time)" : `${endToEnd.maxRssMb.toFixed(0)} MB`}`);
    if (values.guardrails) {
      mkdirSync(join(dir, "guardrails"), { recursive: true });
      for (const [name, value] of guardrailFiles(members)) {
        writeFileSync(join(dir, name), JSON.stringify(value));
        run.add(name, value);
      }
      const judged = performance.now();
      const guarded = run.inventoryDocument({ vendors: new VendorDirectory(), now: new Date() });
      const judgeMs = performance.now() - judged;
      const withGuardrails = await runTimedCli(["analyze", dir, "--json"]);
      const cut = guarded.trusts.filter((t) => t.permissions.guardrails.length > 0).length;
      const blocked = guarded.trusts.filter((t) => t.blockedBy !== null).length;
      console.log(`  with guardrails:        ${cut.toLocaleString("en-US")} trusts cut by an SCP, ${blocked.toLocaleString("en-US")} blocked by the RCP, ${guarded.errors.length} errors`);
      console.log(`    judging in this process: ${(judgeMs / 1000).toFixed(2)} s (without: ${(lastJudgeMs / 1000).toFixed(2)} s); in this process: ${rate((analysisMs - lastJudgeMs + judgeMs) / 1000)}`);
      console.log(`    vendorscope analyze --json: exit ${withGuardrails.code}, ${withGuardrails.seconds.toFixed(2)} s, ${rate(withGuardrails.seconds)} end to end (${((withGuardrails.seconds / endToEnd.seconds - 1) * 100).toFixed(0)}% more time), ${(withGuardrails.bytes / 1e6).toFixed(0)} MB output, peak RSS ${withGuardrails.maxRssMb === null ? "unknown" : `${withGuardrails.maxRssMb.toFixed(0)} MB`}`);
    }
  } finally {
    if (values.keep) console.log(`  files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(0);
