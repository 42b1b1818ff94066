/** lib/queries/resources: the resource grant list, and resource grants in the vendor list. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseVendorList } from "@/lib/analysis/vendorList";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { replaceKnownVendors, setUserMapping } from "@/lib/db/vendorStore";
import { listResources } from "@/lib/queries/resources";
import { searchResourceGrants } from "@/lib/queries/actionSearch";
import { parse } from "csv-parse/sync";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { reportPeriod } from "@/lib/reports/reportBasis";
import { organizationSummaryFile, vendorReportFile } from "@/lib/reports/reportFiles";
import { pdfText } from "@/testkit/pdfText";
import { listVendors } from "@/lib/queries/vendors";
import { importFiles } from "@/lib/scan/sources/fileImport";
import { silentProgress } from "@/lib/scan/progress";
import { testDatabase } from "@/testkit/database";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const PROD = "210000000002";
const INITECH = "888877776666";
const STRANGER = "999988887777";

let db: Awaited<ReturnType<typeof testDatabase>>;
let dir: string;

beforeAll(async () => {
  const catalog = await loadActionCatalog();
  db = await testDatabase("pglite");
  const store = await InventoryStore.open(db, catalog);
  const known = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
  await db.prisma.$transaction((tx) => replaceKnownVendors(tx, known, "test"));
  await setUserMapping(db.prisma, INITECH, "Initech Consulting");
  dir = mkdtempSync(join(tmpdir(), "vs-resources-"));
  cpSync(ACME, dir, { recursive: true });
  const policy = (principal: unknown, actions: string[]) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: actions, Resource: "*" }] });
  writeFileSync(
    join(dir, "prod-resources.json"),
    JSON.stringify({
      AccountId: PROD,
      ResourcePolicies: [
        { Service: "s3", Region: "eu-west-1", Arn: "arn:aws:s3:::acme-reports", Policy: policy({ AWS: INITECH }, ["s3:GetObject"]) },
        { Service: "kms", Region: "eu-west-1", Arn: `arn:aws:kms:eu-west-1:${PROD}:key/k-1`, Policy: policy({ AWS: STRANGER }, ["kms:DescribeKey"]) },
        { Service: "sqs", Region: "eu-west-1", Arn: `arn:aws:sqs:eu-west-1:${PROD}:jobs`, Policy: policy({ AWS: "210000000003" }, ["sqs:SendMessage"]) },
      ],
      ResourceShares: [{ Service: "ami", Region: "eu-west-1", Arn: `arn:aws:ec2:eu-west-1:${PROD}:image/ami-1`, SharedWith: ["all"] }],
    }),
  );
  await importFiles(store, dir, { trigger: "test" }, silentProgress);
});
afterAll(async () => {
  await db?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("resource grants", () => {
  it("lists third-party grants riskiest first, internal ones on request, and filters by service, finding, party and text", async () => {
    const all = await listResources(db.prisma, {});
    expect(all.rows.map((r) => [r.risk, r.service, r.partyName])).toEqual([
      ["critical", "ami", "Anyone (public trust)"],
      ["high", "s3", "Initech Consulting"],
      ["medium", "kms", `Unknown account ${STRANGER}`],
    ]);
    expect((await listResources(db.prisma, { scope: "internal" })).rows.map((r) => [r.service, r.externalAccountId])).toEqual([["sqs", "210000000003"]]);
    expect((await listResources(db.prisma, { service: "kms" })).total).toBe(1);
    expect((await listResources(db.prisma, { finding: "WILDCARD_PRINCIPAL" })).rows.map((r) => r.resourceArn)).toEqual([`arn:aws:ec2:eu-west-1:${PROD}:image/ami-1`]);
    expect((await listResources(db.prisma, { party: `vendor:Initech Consulting` })).rows.map((r) => r.actions)).toEqual([["s3:GetObject"]]);
    expect((await listResources(db.prisma, { q: "acme-rep" })).total).toBe(1);
    expect((await listResources(db.prisma, { sort: "service", pageSize: 2 })).rows.map((r) => r.service)).toEqual(["ami", "kms"]);
  });

  it("counts them in the vendor list, lists a party reached only through resources, and explains a risk a resource sets", async () => {
    const { rows } = await listVendors(db.prisma, { pageSize: 100 });
    const byName = new Map(rows.map((v) => [v.name, v]));
    expect(byName.get("Initech Consulting")).toMatchObject({ resources: 1 });
    expect(byName.get("Initech Consulting")!.trusts).toBeGreaterThan(0);
    expect(byName.get(`Unknown account ${STRANGER}`)).toMatchObject({ trusts: 0, resources: 1, roles: 0, risk: "medium", accounts: 1 });
    expect(byName.get(`Unknown account ${STRANGER}`)!.riskReason).toBe("it can read metadata of a resource through its resource policy or a share, without assuming a role, and nobody has recorded who owns the account");
    const anyone = byName.get("Anyone (public trust)")!;
    expect(anyone.resources).toBe(1);
  });
});

describe("the action search over resource grants", () => {
  it("answers who can s3:GetObject on which bucket, and who can use an image shared with everyone", async () => {
    const catalog = await loadActionCatalog();
    const gets = await searchResourceGrants(db.prisma, catalog, { q: "s3:GetObject" });
    expect(gets.rows.map((r) => [r.partyName, r.resourceArn, r.actions])).toEqual([["Initech Consulting", "arn:aws:s3:::acme-reports", ["s3:GetObject"]]]);
    expect((await searchResourceGrants(db.prisma, catalog, { q: "ec2:RunInstances" })).rows.map((r) => [r.partyName, r.risk])).toEqual([["Anyone (public trust)", "critical"]]);
    expect((await searchResourceGrants(db.prisma, catalog, { q: "sqs" })).total).toBe(0);
    expect((await searchResourceGrants(db.prisma, catalog, { q: "sqs", scope: "internal" })).rows.map((r) => r.actions)).toEqual([["sqs:SendMessage"]]);
    expect((await searchResourceGrants(db.prisma, catalog, { q: "not a pattern!" })).total).toBe(0);
  });
});

describe("resource grants in the vendor review pack", () => {
  it("lists them in the PDF with why and how to fix, in the CSV as rows of their own, and in the JSON", async () => {
    const summaries = await PermissionSummaries.create(db.prisma, await loadActionCatalog());
    const party = "vendor:Initech Consulting";
    const pdf = (await pdfText((await vendorReportFile(db.prisma, summaries, party, "pdf", reportPeriod()))!.body as Buffer)).text.replace(/\s+/g, " ");
    expect(pdf).toContain("Resources it can use");
    expect(pdf).toContain("arn:aws:s3:::acme-reports");
    expect(pdf).toContain("1 resource it can use without assuming a role");
    expect(pdf).toContain("Can read the data (DATA_ACCESS), 1 resource");
    const csv: Record<string, string>[] = parse((await vendorReportFile(db.prisma, summaries, party, "csv", reportPeriod()))!.body as string, { columns: true });
    expect(csv.filter((r) => r.kind === "resource").map((r) => [r.role, r.risk, r.how])).toEqual([["arn:aws:s3:::acme-reports", "high", `arn:aws:iam::${INITECH}:root: s3:GetObject`]]);
    expect(csv.filter((r) => r.kind === "trust").length).toBeGreaterThan(0);
    const json = JSON.parse((await vendorReportFile(db.prisma, summaries, party, "json", reportPeriod()))!.body as string);
    expect(json.resources.map((r: { resourceArn: string }) => r.resourceArn)).toEqual(["arn:aws:s3:::acme-reports"]);
    expect(json.vendors).toEqual([expect.objectContaining({ name: "Initech Consulting", resources: 1 })]);
  });
});

describe("resource grants in the organization summary", () => {
  it("says how many resources are public, counts each vendor's, and lists grants gained in the period", async () => {
    const pdf = (await pdfText((await organizationSummaryFile(db.prisma, reportPeriod()))!.body as Buffer)).text.replace(/\s+/g, " ");
    expect(pdf).toContain("Public data: 1 resource anyone in the world can use");
    expect(pdf).toContain("Trusts Resources Findings");
    expect(pdf.replace(/- /g, "-")).toContain("can now use s3 arn:aws:s3:::acme-reports");
  });
});
