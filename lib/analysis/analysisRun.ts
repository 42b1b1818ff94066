/**
 * One analysis over a set of inputs, fed one document at a time so that only one account's
 * export is held in memory: each is recognised by its shape, analysed, and reduced to its
 * compact result before the next is read.
 */
import { AccountAnalyzer, type AccountResult, type AnalysisError } from "./accountAnalyzer";
import { ExportError, isAuthorizationDetails, readAuthorizationDetails } from "./authorizationDetails";
import { isListAccountsOutput, mergeOrganizations, parseListAccounts, type OrganizationInput } from "./organization";
import { buildReport, type AnalysisReport } from "./report";
import type { VendorDirectory } from "./vendorList";

export type InputKind = "authorization-details" | "list-accounts";

export class AnalysisRun {
  private readonly results: AccountResult[] = [];
  private readonly sources = new Map<string, string>();
  private readonly organizations: OrganizationInput[] = [];
  readonly errors: AnalysisError[] = [];

  constructor(readonly analyzer: AccountAnalyzer) {}

  /** Recognises and takes in one parsed JSON document; returns what it was, or null. */
  add(source: string, value: unknown): InputKind | null {
    if (isAuthorizationDetails(value)) {
      try {
        const snapshot = readAuthorizationDetails(value);
        const earlier = this.sources.get(snapshot.accountId);
        if (earlier !== undefined) {
          this.addError(source, `a second export of account ${snapshot.accountId} (first read from ${earlier}); skipped`);
          return null;
        }
        this.sources.set(snapshot.accountId, source);
        this.results.push(this.analyzer.analyzeAccount(snapshot));
      } catch (error) {
        if (!(error instanceof ExportError)) throw error;
        this.addError(source, error.message);
        return null;
      }
      return "authorization-details";
    }
    if (isListAccountsOutput(value)) {
      this.organizations.push(parseListAccounts(value));
      return "list-accounts";
    }
    this.addError(source, "not a get-account-authorization-details export (RoleDetailList) nor an Organizations list-accounts output (Accounts)");
    return null;
  }

  addError(source: string, message: string): void {
    this.errors.push({ source, message });
  }

  get organization(): OrganizationInput | null {
    return mergeOrganizations(this.organizations);
  }

  get accountCount(): number {
    return this.results.length;
  }

  report(context: { vendors: VendorDirectory; now: Date }): AnalysisReport {
    return buildReport(this.results, this.errors, { ...context, organization: this.organization });
  }
}
