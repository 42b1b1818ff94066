/**
 * Which stories play in which account. The order of the calls is the order of the roles, users
 * and groups in each exported file, so reordering them changes demo/.
 */
import { AccountBuilder } from "./accountBuilder";
import type { AccountDef, DemoSnapshot } from "./organization";
import { baselineRoles } from "./stories/baseline";
import { contosoBackup } from "./stories/contosoBackup";
import { cyberdyneMdr } from "./stories/cyberdyneMdr";
import { globexDeploy } from "./stories/globexCi";
import { hooliLogAnalytics } from "./stories/hooliLogAnalytics";
import { massiveDynamicSiem } from "./stories/massiveDynamicSiem";
import * as meridian from "./stories/meridian";
import { oscorpDeploy } from "./stories/oscorpDeploy";
import { piedPiperCompression } from "./stories/piedPiperCompression";
import { soylentBilling } from "./stories/soylentBilling";
import { starkRetainer, starkStackSet } from "./stories/starkIncidentResponse";
import * as stray from "./stories/strayTrusts";
import { tyrellAnalytics } from "./stories/tyrellAnalytics";
import { umbrellaCostOptimizer } from "./stories/umbrella";
import { vandelayDataWarehouse } from "./stories/vandelayDataWarehouse";
import { wayneCompliance } from "./stories/wayneCompliance";
import { wonkaSupport } from "./stories/wonkaSupport";
import { githubDeploy, workloadRoles } from "./stories/workloads";

type Story = (b: AccountBuilder) => void;

/** The notable roles, account by account (after the baseline and workload roles). */
const ACCOUNT_STORIES: Record<string, Story[]> = {
  "meridian-management": [meridian.managementServiceRoles, umbrellaCostOptimizer, soylentBilling, (b) => wayneCompliance(b, "never"), meridian.billingAdministrators],
  "meridian-security": [meridian.securityTooling, starkRetainer, (b) => wayneCompliance(b, { daysAgo: 12, region: "us-east-1" }), massiveDynamicSiem, cyberdyneMdr],
  "meridian-log-archive": [hooliLogAnalytics, massiveDynamicSiem],
  "meridian-shared-services": [meridian.platformPipeline],
  "meridian-network": [stray.unknownNetworkPartner, meridian.vpcFlowLogs],
  "payments-prod": [(b) => githubDeploy(b, "payments-api"), globexDeploy, starkStackSet, cyberdyneMdr],
  "payments-staging": [(b) => githubDeploy(b, "payments-api"), globexDeploy, stray.deletedContractor],
  "payments-dev": [meridian.paymentsDevelopers],
  "logistics-prod": [(b) => githubDeploy(b, "shipment-tracker"), stray.publicArtifactsReader, meridian.logisticsServices],
  "logistics-staging": [(b) => githubDeploy(b, "shipment-tracker")],
  "logistics-dev": [stray.unrestrictedGithubDeploy],
  "data-platform-prod": [vandelayDataWarehouse, contosoBackup, stray.unknownEtlPartner, meridian.dataPlatformReaders],
  "data-platform-dev": [piedPiperCompression],
  "analytics-prod": [tyrellAnalytics],
  "customer-portal-prod": [(b) => oscorpDeploy(b, b.from(3)), wonkaSupport, starkStackSet, cyberdyneMdr, meridian.portalMail],
  "customer-portal-staging": [(b) => oscorpDeploy(b, false)],
  "backup-vault": [contosoBackup, meridian.backupServiceRole],
  "ml-research": [meridian.mlResearchPipeline],
};

export function buildAccount(account: AccountDef, snapshot: DemoSnapshot): AccountBuilder {
  const b = new AccountBuilder(account, snapshot);
  baselineRoles(b);
  if (account.kind === "workload") workloadRoles(b);
  for (const story of ACCOUNT_STORIES[account.name] ?? []) story(b);
  return b;
}
