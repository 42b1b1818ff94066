/**
 * The vendor review pack: everything a reviewer needs to decide whether a vendor keeps its
 * access — who it is, how risky and why, every account and role it can assume with the trust
 * in plain words, what it can do, the findings with their fixes, what changed in the period,
 * and a sign-off block. Built from the stored inventory; pages carry the scan it is based on.
 */
import { findingRule } from "../analysis/findings";
import type { PermissionSummaries } from "../db/permissionSummaries";
import type { Db } from "../db/types";
import { vendorDetail, type VendorDetail, type VendorTrust } from "../queries/vendorDetail";
import { listResources, overallRisk, type ResourceListRow } from "../queries/resources";
import { RESOURCE_FINDING_RULES } from "../analysis/resources/resourceFindings";
import { conditionKeys } from "../analysis/policyDocument";
import { absoluteTime } from "../format";
import { PdfWriter } from "./pdf/pdfWriter";
import { reportBasis, type ReportBasis, type ReportPeriod } from "./reportBasis";

/** Past this, an administrator's service list would fill pages without helping the review. */
const MAX_SERVICES = 40;

export interface VendorReview {
  vendor: VendorDetail;
  /** Its resource grants (policies and shares), riskiest first. */
  resources: ResourceListRow[];
  basis: ReportBasis;
  period: ReportPeriod;
  /** The changes of the period, oldest first. */
  changes: VendorDetail["history"];
}

export async function vendorReview(db: Db, summaries: PermissionSummaries, party: string, period: ReportPeriod): Promise<VendorReview | null> {
  const [vendor, resources] = await Promise.all([vendorDetail(db, summaries, party, { historyPeriod: period }), listResources(db, { party, scope: "all", pageSize: 100_000 })]);
  if (!vendor) return null;
  const changes = [...vendor.history].reverse();
  return { vendor, resources: resources.rows, basis: await reportBasis(db), period, changes };
}

/** How a trust lets the vendor in, in words a reviewer can repeat. */
export function trustInWords(t: VendorTrust): string {
  const who =
    t.principalKind === "account"
      ? `the vendor's whole account (${t.principal}): anyone the vendor allows`
      : t.principalKind === "wildcard"
        ? "anyone"
        : t.principalKind === "federated"
          ? `tokens from the identity provider ${t.principal}`
          : t.principalKind === "unknown-id"
            ? `a principal that no longer exists (${t.principal})`
            : `the vendor's ${t.principalKind} ${t.principal}`;
  const narrowed = t.statementPrincipal !== t.principal ? ` (the policy names ${t.statementPrincipal}; a condition narrows it)` : "";
  const externalId =
    t.externalId === "required"
      ? "; must present the agreed ExternalId"
      : t.externalId === "weak"
        ? "; the ExternalId condition accepts any value"
        : t.externalId === "missing"
          ? "; no ExternalId required"
          : "";
  const conditions = t.conditions ? `; conditions: ${Object.keys(t.conditions).join(", ")}` : "";
  return `${who}${narrowed}${externalId}${conditions}`;
}

export async function vendorReviewPdf(review: VendorReview): Promise<Buffer> {
  const { vendor, resources, basis, period, changes } = review;
  const pdf = new PdfWriter(`Vendor review: ${vendor.name}`, `Vendorscope · vendor review of ${vendor.name} · ${basis.text} · generated ${absoluteTime(basis.generatedAt)}`);
  const accounts = new Set(vendor.trusts.map((t) => t.accountId));
  const { risk, reason } = overallRisk(vendor, resources[0]);
  const overall = risk ? `${risk.toUpperCase()}${reason ? `: ${reason}` : ""}` : "none: no current access";

  pdf.heading(`Vendor review: ${vendor.name}`, 1);
  pdf.facts([
    ["Vendor", `${vendor.name} (${vendor.source})`],
    ["Their AWS accounts", vendor.externalAccounts.join(", ") || "none (identity provider or public trust)"],
    ["Overall risk", overall],
    [
      "Access",
      `${vendor.trusts.length} role${vendor.trusts.length === 1 ? "" : "s"} in ${accounts.size} of our account${accounts.size === 1 ? "" : "s"}` +
        (resources.length ? `; ${resources.length} resource${resources.length === 1 ? "" : "s"} it can use without assuming a role` : ""),
    ],
    ["Based on", basis.text],
    ["Review period", `${absoluteTime(period.since)} to ${absoluteTime(period.until)}`],
  ]);

  pdf.heading("Where it can get in");
  if (vendor.trusts.length === 0) pdf.paragraph("The vendor has no current access.");
  else {
    pdf.table(
      [
        { header: "Account", width: 14, value: (t: VendorTrust) => `${t.accountId}${t.accountName ? `\n${t.accountName}` : ""}` },
        { header: "Role", width: 18, value: (t) => `${t.roleName}${t.admin ? " (admin)" : ""}` },
        { header: "Who can assume it, and how", width: 40, value: trustInWords },
        { header: "Risk", width: 9, value: (t) => t.risk.toUpperCase() },
        { header: "Last used", width: 12, value: (t) => (t.lastUsed ? absoluteTime(t.lastUsed).slice(0, 10) : "never / unknown") },
      ],
      vendor.trusts,
    );
  }

  if (resources.length > 0) {
    pdf.heading("Resources it can use");
    pdf.paragraph("Bucket, key, queue, topic, function, secret and repository policies, and shared snapshots and images, that let the vendor at our data without assuming a role.", { muted: true });
    pdf.table(
      [
        { header: "Account", width: 14, value: (r: ResourceListRow) => `${r.accountId}${r.accountName ? `\n${r.accountName}` : ""}` },
        { header: "Resource", width: 30, value: (r) => `${r.service}${r.region ? ` (${r.region})` : ""}\n${r.resourceArn}` },
        { header: "Who and what", width: 44, value: resourceInWords },
        { header: "Risk", width: 12, value: (r) => r.risk.toUpperCase() },
      ],
      resources,
    );
    const codes = [...new Set(resources.flatMap((r) => r.findings))];
    for (const rule of RESOURCE_FINDING_RULES.filter((rule) => codes.includes(rule.code))) {
      const on = resources.filter((r) => r.findings.includes(rule.code)).length;
      pdf.heading(`${rule.title} (${rule.code}), ${on} resource${on === 1 ? "" : "s"}`, 3);
      pdf.paragraph(`Why it matters: ${rule.explanation}`);
      pdf.paragraph(`Recommended fix: ${rule.remediation}`);
    }
  }

  pdf.heading("What it can do");
  if (vendor.services.length === 0) pdf.paragraph("No permission is granted.");
  else {
    const top = vendor.services.slice(0, 15);
    pdf.barChart(
      top.map((s) => ({ label: s.service, value: s.actions, color: s.levels.includes("Permissions management") ? "#b91c1c" : s.levels.includes("Write") ? "#ea580c" : "#2563eb" })),
      `Actions granted per service (the most of any of its roles)${vendor.services.length > top.length ? `, top ${top.length} of ${vendor.services.length} services` : ""}. Red: permissions management; orange: write; blue: read or list only.`,
    );
    const listed = vendor.services.slice(0, MAX_SERVICES);
    pdf.table(
      [
        { header: "Service", width: 20, value: (s: (typeof vendor.services)[number]) => s.service },
        { header: "Access levels", width: 60, value: (s) => s.levels.join(", ") },
        { header: "Actions", width: 20, value: (s) => String(s.actions) },
      ],
      listed,
    );
    if (vendor.services.length > listed.length)
      pdf.paragraph(`…and ${vendor.services.length - listed.length} more services with fewer actions; the JSON download lists every granted action.`, { muted: true });
  }

  pdf.heading("Risky actions", 3);
  const risky = vendor.risky;
  pdf.bullets([
    `Privilege escalation: ${risky.privilegeEscalation.length ? risky.privilegeEscalation.join(", ") : "none"}`,
    `Destructive: ${listSome(risky.destructive)}`,
    `Cost impact: ${listSome(risky.costImpact)}`,
    `Data access: ${listSome(risky.dataAccess)}`,
  ]);

  pdf.heading("Findings and recommended fixes");
  if (vendor.findings.length === 0) pdf.paragraph("No finding.");
  for (const f of vendor.findings) {
    const rule = findingRule(f.code);
    pdf.heading(`${rule.title} (${f.code}), ${f.trusts} trust${f.trusts === 1 ? "" : "s"}`, 3);
    pdf.paragraph(`Why it matters: ${rule.explanation}`);
    pdf.paragraph(`Recommended fix: ${rule.remediation}`);
    if (f.held.length > 0) pdf.paragraph(`This vendor holds: ${listSome(f.held, 12)}`);
  }

  pdf.heading("Changes in the review period");
  if (changes.length === 0) pdf.paragraph("No change was recorded in the period.");
  else pdf.table([{ header: "When", width: 18, value: (e: (typeof changes)[number]) => absoluteTime(e.createdAt) }, { header: "Kind", width: 20, value: (e) => e.kind }, { header: "Change", width: 62, value: (e) => e.summary }], changes);

  pdf.heading("Review and sign-off");
  pdf.paragraph("Decision: keep the access as it is / reduce it (least privilege, require ExternalId, trust a specific role) / remove it.", { muted: true });
  pdf.signOff(["Reviewer", "Date", "Decision", "Notes"]);
  return pdf.finish();
}

/** Who holds a resource grant and what it allows, in words. */
export function resourceInWords(r: Pick<ResourceListRow, "principal" | "actions" | "conditions" | "source">): string {
  const actions = r.actions.length ? `${r.actions.slice(0, 6).join(", ")}${r.actions.length > 6 ? `, and ${r.actions.length - 6} more` : ""}` : "use of the shared resource";
  const keys = conditionKeys(r.conditions);
  return `${r.principal === "*" ? "anyone" : r.principal}${r.source === "share" ? " (shared with)" : r.source === "access-analyzer" ? " (reported by Access Analyzer)" : ""}: ${actions}${keys.length ? `; conditions: ${keys.join(", ")}` : ""}`;
}

function listSome(items: string[], max = 40): string {
  if (items.length === 0) return "none";
  return `${items.length} action${items.length === 1 ? "" : "s"}: ${items.slice(0, max).join(", ")}${items.length > max ? `, and ${items.length - max} more` : ""}`;
}
