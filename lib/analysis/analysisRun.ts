/**
 * One analysis over a set of inputs, fed one document at a time so that only one account's
 * export is held in memory: each is recognised by its shape, analyzed, and reduced to its
 * compact result before the next is read.
 */
import { AccountAnalyzer, type AccountRoles, type AnalysisError } from "./accountAnalyzer";
import { ExportError, isAuthorizationDetails, readAuthorizationDetails } from "./authorizationDetails";
import { CredentialReportError, parseCredentialReport, type CredentialReport } from "./credentialReport";
import { isListAccountsOutput, mergeOrganizations, parseListAccounts, type OrganizationInput } from "./organization";
import { buildInventoryDocument, type InventoryDocument } from "./analysisRecords";
import type { VendorDirectory } from "./vendorList";
import { analyzeResourceExport, isResourceExport, ResourceExportError, type ResourceAnalysis } from "./resources/resourceExport";
import { addOrganizationPolicyOutput, emptyGuardrailInput, GuardrailInputError, isEmptyGuardrailInput, isOrganizationPolicyOutput, type GuardrailInput } from "./guardrails/organizationPolicies";
import { Guardrails } from "./guardrails/guardrails";

export type InputKind = "authorization-details" | "list-accounts" | "credential-report" | "resources" | "organization-policies";

export class AnalysisRun {
  private readonly results: AccountRoles[] = [];
  private readonly sources = new Map<string, string>();
  private readonly organizations: OrganizationInput[] = [];
  private readonly resourceResults: ResourceAnalysis[] = [];
  /** SCPs, RCPs, their targets and the tree, from Organizations outputs (lib/analysis/guardrails). */
  readonly guardrailInput: GuardrailInput = emptyGuardrailInput();
  /** Credential reports by account id, parsed and as read. */
  readonly credentialReports = new Map<string, CredentialReport>();
  readonly credentialReportTexts = new Map<string, string>();
  readonly errors: AnalysisError[] = [];

  constructor(readonly analyzer: AccountAnalyzer) {}

  /** Recognises and takes in one parsed JSON document; returns what it was, or null. */
  add(source: string, value: unknown): InputKind | null {
    if (isAuthorizationDetails(value)) {
      return this.addExport(source, value) ? "authorization-details" : null;
    }
    if (isResourceExport(value)) return this.addResources(source, value) ? "resources" : null;
    if (isListAccountsOutput(value)) {
      this.organizations.push(parseListAccounts(value));
      return "list-accounts";
    }
    if (isOrganizationPolicyOutput(value)) {
      try {
        addOrganizationPolicyOutput(this.guardrailInput, source, value);
        return "organization-policies";
      } catch (error) {
        if (!(error instanceof GuardrailInputError)) throw error;
        this.addError(source, error.message);
        return null;
      }
    }
    this.addError(
      source,
      "not a get-account-authorization-details export (RoleDetailList), an Organizations list-accounts output (Accounts), a resource export (ResourcePolicies, ResourceShares) nor an Organizations policy output (describe-policy, list-policies, list-targets-for-policy, list-parents)",
    );
    return null;
  }

  /**
   * Analyzes one account's export; returns its roles, or null (with an error recorded). Its
   * trusts are judged once the whole input, and so the organization, is known.
   */
  addExport(source: string, value: Record<string, unknown> & { RoleDetailList: unknown[] }): AccountRoles | null {
    let snapshot;
    try {
      snapshot = readAuthorizationDetails(value);
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      this.addError(source, error.message);
      return null;
    }
    const earlier = this.sources.get(snapshot.accountId);
    if (earlier !== undefined) {
      this.addError(source, `a second export of account ${snapshot.accountId} (first read from ${earlier}); skipped`);
      return null;
    }
    this.sources.set(snapshot.accountId, source);
    const result = this.analyzer.analyzeRoles(snapshot);
    this.results.push(result);
    return result;
  }

  /** Analyses one account's resource policies and shares (lib/analysis/resources); a bad item is an error of its own. */
  addResources(source: string, value: Record<string, unknown>): ResourceAnalysis | null {
    let result;
    try {
      result = analyzeResourceExport(value, this.analyzer.risk);
    } catch (error) {
      if (!(error instanceof ResourceExportError)) throw error;
      this.addError(source, error.message);
      return null;
    }
    if (this.resourceResults.some((r) => r.accountId === result.accountId)) {
      this.addError(source, `a second resource export of account ${result.accountId}; skipped`);
      return null;
    }
    for (const message of [...result.errors, ...result.unrecognised.map((p) => `unrecognised principal ${p}`)]) this.addError(source, message);
    this.resourceResults.push(result);
    return result;
  }

  /** Takes in an IAM credential report (CSV text). */
  addCredentialReport(source: string, text: string): InputKind | null {
    try {
      const report = parseCredentialReport(text);
      if (this.credentialReports.has(report.accountId)) {
        this.addError(source, `a second credential report for account ${report.accountId}; skipped`);
        return null;
      }
      this.credentialReports.set(report.accountId, report);
      this.credentialReportTexts.set(report.accountId, text);
      return "credential-report";
    } catch (error) {
      if (!(error instanceof CredentialReportError)) throw error;
      this.addError(source, error.message);
      return null;
    }
  }

  addError(source: string, message: string): void {
    this.errors.push({ source, message });
  }

  /** The resource export read for an account, if any. */
  resourcesOf(accountId: string): ResourceAnalysis | null {
    return this.resourceResults.find((r) => r.accountId === accountId) ?? null;
  }

  get resourceAnalyses(): readonly ResourceAnalysis[] {
    return this.resourceResults;
  }

  get organization(): OrganizationInput | null {
    return mergeOrganizations(this.organizations);
  }

  get accountCount(): number {
    return this.results.length;
  }

  get accountResults(): readonly AccountRoles[] {
    return this.results;
  }

  /** The organization's guardrails, when the input has any SCP or RCP (built once per call). */
  guardrails(input: GuardrailInput = this.guardrailInput): Guardrails | null {
    if (isEmptyGuardrailInput(input)) return null;
    const org = this.organization;
    return new Guardrails(input, { orgId: org?.orgId ?? null, managementAccountId: org?.managementAccountId ?? null }, this.analyzer.risk);
  }

  inventoryDocument(context: { vendors: VendorDirectory; now: Date }): InventoryDocument {
    return buildInventoryDocument(this.results, this.errors, { ...context, organization: this.organization, resources: this.resourceResults, guardrails: this.guardrails() });
  }
}
