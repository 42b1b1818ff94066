/**
 * The IAM credential report (CSV): per user, password use and the two access-key slots with
 * when each key was last rotated and last used. Read from `GetCredentialReport` or from a
 * file the user saved (`aws iam get-credential-report --query Content --output text | base64 -d`).
 */
import { parse } from "csv-parse/sync";
import { arnAccountId } from "./principals";

export interface AccessKeySlot {
  slot: 1 | 2;
  active: boolean;
  lastRotated: string | null;
  lastUsed: string | null;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

export interface CredentialReportUser {
  user: string;
  arn: string;
  createdAt: string | null;
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  /** Slots that hold a key (active or not); an empty slot is absent. */
  keys: AccessKeySlot[];
}

export interface CredentialReport {
  accountId: string;
  users: CredentialReportUser[];
}

const HEADER_START = "user,arn,user_creation_time";

export function isCredentialReportText(text: string): boolean {
  return text.replace(/^\uFEFF/, "").startsWith(HEADER_START);
}

export class CredentialReportError extends Error {
  override name = "CredentialReportError";
}

export function parseCredentialReport(text: string): CredentialReport {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new CredentialReportError(`not a valid credential report: ${(error as Error).message}`);
  }
  const users: CredentialReportUser[] = [];
  let accountId: string | null = null;
  for (const row of rows) {
    accountId ??= arnAccountId(row.arn ?? "");
    if (row.user === "<root_account>" || !row.arn || !row.user) continue;
    const keys: AccessKeySlot[] = [];
    for (const slot of [1, 2] as const) {
      const p = `access_key_${slot}_`;
      const lastRotated = date(row[`${p}last_rotated`]);
      const active = row[`${p}active`] === "true";
      if (!active && lastRotated === null) continue;
      keys.push({
        slot,
        active,
        lastRotated,
        lastUsed: date(row[`${p}last_used_date`]),
        lastUsedRegion: value(row[`${p}last_used_region`]),
        lastUsedService: value(row[`${p}last_used_service`]),
      });
    }
    users.push({
      user: row.user,
      arn: row.arn,
      createdAt: date(row.user_creation_time),
      passwordEnabled: row.password_enabled === "true" ? true : row.password_enabled === "false" ? false : null,
      passwordLastUsed: date(row.password_last_used),
      keys,
    });
  }
  if (!accountId) throw new CredentialReportError("the credential report names no account");
  return { accountId, users };
}

/** AWS writes "N/A", "no_information" or "not_supported" where there is no value. */
function value(text: string | undefined): string | null {
  return !text || text === "N/A" || text === "no_information" || text === "not_supported" ? null : text;
}

function date(text: string | undefined): string | null {
  const v = value(text);
  if (!v) return null;
  const time = Date.parse(v);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
