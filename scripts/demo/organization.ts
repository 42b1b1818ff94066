/** Meridian Freight: the demo organization's accounts, its vendors and the three snapshots. */

export interface DemoSnapshot {
  index: 1 | 2 | 3;
  /** The day the files were exported (YYYY-MM-DD): pass it as `--as-of`. */
  date: string;
  /** The directory under demo/snapshots/. */
  dir: string;
}

export const DEMO_SNAPSHOTS: readonly DemoSnapshot[] = [
  { index: 1, date: "2026-08-01", dir: "1-2026-08-01" },
  { index: 2, date: "2026-09-15", dir: "2-2026-09-15" },
  { index: 3, date: "2026-11-01", dir: "3-2026-11-01" },
];

export const DEMO_ORG_ID = "o-m3r1d1anfx";
export const DOMAIN = "meridian-freight.example";
export const GITHUB_ORG = "meridian-freight";
export const REGION = "eu-west-1";

export type Kind = "management" | "security" | "log-archive" | "shared-services" | "network" | "workload" | "backup" | "sandbox";

export interface AccountDef {
  name: string;
  id: string;
  kind: Kind;
  env?: "prod" | "staging" | "dev";
  /** The first snapshot the account is in (ml-research joins the organization in snapshot 2). */
  since: 1 | 2 | 3;
  joined: string;
  /** A credential report (CSV) is exported for the account. */
  credentialReport?: boolean;
}

export const DEMO_ACCOUNTS: readonly AccountDef[] = [
  { name: "meridian-management", id: "194820573316", kind: "management", since: 1, joined: "2021-03-15T09:12:44.218000+00:00", credentialReport: true },
  { name: "meridian-security", id: "283749105562", kind: "security", since: 1, joined: "2021-03-22T10:03:17.540000+00:00" },
  { name: "meridian-log-archive", id: "372615980447", kind: "log-archive", since: 1, joined: "2021-03-22T10:04:02.911000+00:00", credentialReport: true },
  { name: "meridian-shared-services", id: "461038275519", kind: "shared-services", since: 1, joined: "2021-04-06T13:41:55.067000+00:00" },
  { name: "meridian-network", id: "550927164438", kind: "network", since: 1, joined: "2021-04-06T13:44:21.702000+00:00" },
  { name: "payments-prod", id: "639481027735", kind: "workload", env: "prod", since: 1, joined: "2021-06-01T08:30:12.334000+00:00" },
  { name: "payments-staging", id: "728360194456", kind: "workload", env: "staging", since: 1, joined: "2021-06-01T08:31:40.125000+00:00" },
  { name: "payments-dev", id: "817253608829", kind: "workload", env: "dev", since: 1, joined: "2021-06-01T08:33:05.876000+00:00", credentialReport: true },
  { name: "logistics-prod", id: "906142730051", kind: "workload", env: "prod", since: 1, joined: "2022-01-17T11:20:48.449000+00:00" },
  { name: "logistics-staging", id: "115037462298", kind: "workload", env: "staging", since: 1, joined: "2022-01-17T11:22:09.183000+00:00" },
  { name: "logistics-dev", id: "204918375564", kind: "workload", env: "dev", since: 1, joined: "2022-01-17T11:23:37.620000+00:00" },
  { name: "data-platform-prod", id: "393807251176", kind: "workload", env: "prod", since: 1, joined: "2022-09-05T14:02:51.998000+00:00", credentialReport: true },
  { name: "data-platform-dev", id: "482796140683", kind: "workload", env: "dev", since: 1, joined: "2022-09-05T14:04:30.412000+00:00" },
  { name: "analytics-prod", id: "571685039947", kind: "workload", env: "prod", since: 1, joined: "2023-02-13T09:55:03.761000+00:00" },
  { name: "customer-portal-prod", id: "660574928318", kind: "workload", env: "prod", since: 1, joined: "2023-05-08T16:18:26.093000+00:00", credentialReport: true },
  { name: "customer-portal-staging", id: "749463817702", kind: "workload", env: "staging", since: 1, joined: "2023-05-08T16:19:58.557000+00:00" },
  { name: "backup-vault", id: "838352706194", kind: "backup", since: 1, joined: "2023-11-20T10:07:14.305000+00:00" },
  { name: "ml-research", id: "927241695580", kind: "workload", env: "dev", since: 2, joined: "2026-08-19T15:26:40.850000+00:00" },
  { name: "sandbox-platform", id: "136130584469", kind: "sandbox", since: 1, joined: "2024-04-02T12:45:31.228000+00:00" },
  { name: "sandbox-data", id: "225019473853", kind: "sandbox", since: 1, joined: "2024-04-02T12:47:09.964000+00:00" },
];

export const account = (name: string): AccountDef => DEMO_ACCOUNTS.find((a) => a.name === name)!;
export const MANAGEMENT = account("meridian-management");
export const SECURITY = account("meridian-security");
export const SHARED_SERVICES = account("meridian-shared-services");

export interface VendorDef {
  name: string;
  accounts: string[];
  source: string;
}

/** Fictional vendors (demo/vendors.yaml). Pied Piper's access is removed in snapshot 3. */
export const DEMO_VENDORS: readonly VendorDef[] = [
  { name: "Northwind Monitoring", accounts: ["318467205913", "318467299120"], source: "https://northwind-monitoring.example/docs/aws-integration" },
  { name: "Contoso Backup", accounts: ["604218837745"], source: "https://contoso-backup.example/docs/aws" },
  { name: "Globex CI", accounts: ["745902316684"], source: "https://globex-ci.example/docs/deploy-to-aws" },
  { name: "Initrode Security Scanner", accounts: ["129584730261"], source: "https://initrode.example/scanner/aws-setup" },
  { name: "Umbrella Cost Optimizer", accounts: ["873310542698"], source: "https://umbrella-cost.example/onboarding" },
  { name: "Hooli Log Analytics", accounts: ["562087134459"], source: "https://hooli-logs.example/docs/aws-s3" },
  { name: "Vandelay Data Warehouse", accounts: ["390275618842"], source: "https://vandelay-dw.example/docs/aws" },
  { name: "Stark Incident Response", accounts: ["951746203387"], source: "https://stark-ir.example/retainer/aws" },
  { name: "Wayne Compliance", accounts: ["207813965524"], source: "https://wayne-compliance.example/aws-audit" },
  { name: "Cyberdyne MDR", accounts: ["684129075531"], source: "https://cyberdyne-mdr.example/docs/aws" },
  { name: "Soylent Billing", accounts: ["472650318896"], source: "https://soylent-billing.example/aws" },
  { name: "Tyrell Analytics", accounts: ["815930264417"], source: "https://tyrell-analytics.example/docs/bedrock" },
  { name: "Massive Dynamic SIEM", accounts: ["536871249902"], source: "https://massive-dynamic.example/siem/aws" },
  { name: "Oscorp Deploy", accounts: ["709364582210"], source: "https://oscorp-deploy.example/docs" },
  { name: "Wonka Support", accounts: ["248193756620"], source: "https://wonka-support.example/aws-access" },
  { name: "Pied Piper Compression", accounts: ["157342986604"], source: "https://piedpiper.example/docs/s3" },
];

export const vendorAccount = (name: string): string => DEMO_VENDORS.find((v) => v.name === name)!.accounts[0]!;

/** External accounts nobody has named (not in vendors.yaml): they show as "unknown account". */
export const DEMO_UNKNOWN_ACCOUNTS = ["930417258863", "266054719388"] as const;

/** The role name with characters that must render inert in every view. */
export const HOSTILE_ROLE_NAME = `partner-"quoted"&<odd>-role`;
