/**
 * Builds a fixture from a directory of AWS exports, recognised by shape, not by name: a
 * `list-accounts` output (`Accounts`), optional `describe-organization` output
 * (`Organization`), and per-account `get-account-authorization-details` exports
 * (`RoleDetailList`; the account id comes from the role/user/group ARNs). Documents may be
 * objects, JSON text or URL-encoded text; they are decoded to objects.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { decodeDocuments } from "./iamDocuments";
import type { AuthorizationDetails, FakeAccount, FakeOrganization } from "./types";

export interface LoadedFixture {
  organization: FakeOrganization | null;
  /** Set when the directory holds one account export and no organization. */
  standaloneAccount?: FakeAccount;
}

interface ListedAccount {
  Id: string;
  Name?: string;
  Email?: string;
  Status?: string;
  Arn?: string;
}

export async function loadFixtureDirectory(dir: string): Promise<LoadedFixture> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith(".json") && !e.name.startsWith("."))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  let listed: ListedAccount[] | null = null;
  let organizationInfo: { Id?: string; MasterAccountId?: string } | null = null;
  const exports = new Map<string, { details: AuthorizationDetails; source: string }>();

  for (const file of files) {
    const value: unknown = JSON.parse(await readFile(file, "utf8"));
    if (!isRecord(value)) continue;
    if (Array.isArray(value.Accounts)) {
      listed = value.Accounts.filter((a): a is ListedAccount => isRecord(a) && typeof a.Id === "string");
    } else if (isRecord(value.Organization)) {
      organizationInfo = value.Organization as { Id?: string; MasterAccountId?: string };
    } else if (Array.isArray(value.RoleDetailList)) {
      const details = decodeDocuments(value) as AuthorizationDetails;
      const accountId = accountOf(details);
      if (!accountId) throw new Error(`fake AWS fixture: cannot tell the account of ${file} (no role, user or group ARN)`);
      exports.set(accountId, { details, source: basename(file, ".json") });
    }
  }

  const accountFor = (id: string, name: string, email?: string, status?: string): FakeAccount => {
    const exported = exports.get(id);
    return {
      id,
      name,
      ...(email ? { email } : {}),
      status: status === "SUSPENDED" ? "SUSPENDED" : "ACTIVE",
      authorizationDetails: () => structuredClone(exported?.details ?? {}),
    };
  };

  if (!listed && !organizationInfo) {
    const only = exports.size === 1 ? [...exports][0] : undefined;
    if (only) return { organization: null, standaloneAccount: accountFor(only[0], only[1].source.replace(/-authz$/, "")) };
    if (exports.size === 0) throw new Error(`fake AWS fixture: no account exports or account list in ${dir}`);
  }

  const accounts: FakeAccount[] = (listed ?? []).map((a) => accountFor(a.Id, a.Name ?? a.Id, a.Email, a.Status));
  for (const [id, { source }] of exports) {
    if (!accounts.some((a) => a.id === id)) accounts.push(accountFor(id, source.replace(/-authz$/, "")));
  }
  const fromArn = listed?.map((a) => /^arn:[^:]+:organizations::(\d{12}):account\/(o-[a-z0-9]+)\//.exec(a.Arn ?? "")).find((m) => m !== null);
  const managementAccountId = organizationInfo?.MasterAccountId ?? fromArn?.[1] ?? accounts[0]!.id;
  const id = organizationInfo?.Id ?? fromArn?.[2] ?? "o-fixture0001";
  if (!accounts.some((a) => a.id === managementAccountId)) accounts.unshift(accountFor(managementAccountId, "management"));
  return { organization: { id, managementAccountId, accounts } };
}

function accountOf(details: AuthorizationDetails): string | undefined {
  for (const list of [details.RoleDetailList, details.UserDetailList, details.GroupDetailList]) {
    for (const entity of list ?? []) {
      const arn = isRecord(entity) ? entity.Arn : undefined;
      const match = typeof arn === "string" ? /^arn:[^:]+:iam::(\d{12}):/.exec(arn) : null;
      if (match) return match[1];
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
