/**
 * IAM credential reports: the CSV (AWS's header and value conventions) and the per-account
 * Generate/Get state machine (STARTED → INPROGRESS → COMPLETE; ReportNotPresent 410 before
 * any Generate, ReportInProgress 404 while generating).
 */
import { AwsApiError } from "./errors";
import type { AuthorizationDetails } from "./types";

export const CREDENTIAL_REPORT_HEADER =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
  "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
  "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
  "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

export interface CredentialReportKey {
  active: boolean;
  lastRotated: string;
  lastUsedDate?: string;
  lastUsedRegion?: string;
  lastUsedService?: string;
}

export interface CredentialReportUser {
  name: string;
  arn: string;
  createdAt: string;
  passwordEnabled?: boolean;
  passwordLastUsed?: string;
  passwordLastChanged?: string;
  mfaActive?: boolean;
  accessKeys?: CredentialReportKey[];
}

/** A credential report for the account: the `<root_account>` line, then one line per user. */
export function credentialReportCsv(accountId: string, users: CredentialReportUser[], rootCreatedAt = "2020-01-01T00:00:00Z"): string {
  const root = [
    "<root_account>",
    `arn:aws:iam::${accountId}:root`,
    reportDate(rootCreatedAt),
    "not_supported",
    "no_information",
    "not_supported",
    "not_supported",
    "true",
    ...keyColumns(undefined),
    ...keyColumns(undefined),
    "false",
    "N/A",
    "false",
    "N/A",
  ];
  const lines = [CREDENTIAL_REPORT_HEADER, root.join(",")];
  for (const user of users) {
    const password = user.passwordEnabled ?? false;
    lines.push(
      [
        csvField(user.name),
        csvField(user.arn),
        reportDate(user.createdAt),
        String(password),
        password ? (user.passwordLastUsed ? reportDate(user.passwordLastUsed) : "no_information") : "N/A",
        password && user.passwordLastChanged ? reportDate(user.passwordLastChanged) : "N/A",
        "N/A",
        String(user.mfaActive ?? false),
        ...keyColumns(user.accessKeys?.[0]),
        ...keyColumns(user.accessKeys?.[1]),
        "false",
        "N/A",
        "false",
        "N/A",
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The default report: the account's users without passwords or keys. */
export function defaultCredentialReport(accountId: string, details: AuthorizationDetails): string {
  const users: CredentialReportUser[] = [];
  for (const entry of details.UserDetailList ?? []) {
    if (typeof entry !== "object" || entry === null) continue;
    const user = entry as Record<string, unknown>;
    if (typeof user.UserName !== "string") continue;
    users.push({
      name: user.UserName,
      arn: typeof user.Arn === "string" ? user.Arn : `arn:aws:iam::${accountId}:user/${user.UserName}`,
      createdAt: typeof user.CreateDate === "string" ? user.CreateDate : "2020-01-01T00:00:00Z",
    });
  }
  return credentialReportCsv(accountId, users);
}

function keyColumns(key: CredentialReportKey | undefined): string[] {
  if (!key) return ["false", "N/A", "N/A", "N/A", "N/A"];
  const used = key.lastUsedDate !== undefined;
  return [
    String(key.active),
    reportDate(key.lastRotated),
    used ? reportDate(key.lastUsedDate!) : "N/A",
    used ? (key.lastUsedRegion ?? "us-east-1") : "N/A",
    used ? (key.lastUsedService ?? "sts") : "N/A",
  ];
}

/** AWS writes report times as `2024-01-01T00:00:00+00:00`. */
function reportDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export type GenerateState = { State: "STARTED" | "INPROGRESS" | "COMPLETE"; Description?: string };

/** Per account: how often GenerateCredentialReport was called and when the report was ready. */
export class CredentialReports {
  private readonly accounts = new Map<string, { generateCalls: number; generatedAt: Date | null }>();

  generate(accountId: string, startedTimes: number): GenerateState {
    const state = this.accounts.get(accountId) ?? { generateCalls: 0, generatedAt: null };
    this.accounts.set(accountId, state);
    state.generateCalls++;
    if (state.generatedAt) return { State: "COMPLETE" };
    if (state.generateCalls <= startedTimes) {
      return state.generateCalls === 1
        ? { State: "STARTED", Description: "No report exists. Starting a new report generation task" }
        : { State: "INPROGRESS" };
    }
    state.generatedAt = new Date();
    return { State: "COMPLETE" };
  }

  /** When the account's report was generated; throws the IAM error GetCredentialReport answers otherwise. */
  generatedAt(accountId: string): Date {
    const state = this.accounts.get(accountId);
    if (!state) {
      throw new AwsApiError("ReportNotPresent", 410, "Credential report not present. Call GenerateCredentialReport to generate a credential report.");
    }
    if (!state.generatedAt) throw new AwsApiError("ReportInProgress", 404, "Credential report is being generated.");
    return state.generatedAt;
  }
}
