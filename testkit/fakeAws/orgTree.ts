/**
 * The organization's structure derived from the fixture: the root, one OU per distinct
 * `ouPath` prefix (ids derived from the organization id and path, so they are stable), each
 * account's parent, and the ARNs and JSON shapes Organizations returns for them.
 */
import { idFor, LOWER_ALNUM, unitFor } from "./prng";
import type { FakeAccount, FakeOrganization, FakeOrganizationPolicy } from "./types";

export interface OrgUnit {
  id: string;
  arn: string;
  name: string;
  parentId: string;
  path: string[];
}

export class OrganizationModel {
  readonly rootId: string;
  readonly rootArn: string;
  readonly units = new Map<string, OrgUnit>();
  private readonly unitsByPath = new Map<string, OrgUnit>();
  private readonly accountParents = new Map<string, string>();
  private readonly accountIndex = new Map<string, number>();
  private readonly childUnits = new Map<string, OrgUnit[]>();
  private readonly childAccounts = new Map<string, FakeAccount[]>();
  private policyList: readonly FakeOrganizationPolicy[] | undefined;

  constructor(readonly organization: FakeOrganization) {
    const rootSuffix = idFor(LOWER_ALNUM, 4, "root", organization.id);
    this.rootId = `r-${rootSuffix}`;
    this.rootArn = `arn:aws:organizations::${organization.managementAccountId}:root/${organization.id}/${this.rootId}`;
    organization.accounts.forEach((account, index) => {
      this.accountIndex.set(account.id, index);
      const parentId = this.unitFor(account.ouPath ?? [], rootSuffix);
      this.accountParents.set(account.id, parentId);
      push(this.childAccounts, parentId, account);
    });
  }

  get id(): string {
    return this.organization.id;
  }

  get managementAccountId(): string {
    return this.organization.managementAccountId;
  }

  accountArn(accountId: string): string {
    return `arn:aws:organizations::${this.managementAccountId}:account/${this.id}/${accountId}`;
  }

  /** The Account object of ListAccounts / DescribeAccount. */
  accountJson(account: FakeAccount): Record<string, unknown> {
    const index = this.accountIndex.get(account.id) ?? 0;
    const status = account.status ?? "ACTIVE";
    // Joined a day apart from 2023-01-01, at a stable fraction of a second (AWS sends epoch seconds as a float).
    const joined = 1672531200 + index * 86400 + Math.round(unitFor("joined", account.id) * 1e6) / 1e6;
    return {
      Id: account.id,
      Arn: this.accountArn(account.id),
      Email: account.email ?? `aws+${account.id}@example.com`,
      Name: account.name,
      Status: status,
      State: status,
      JoinedMethod: account.id === this.managementAccountId ? "CREATED" : index % 5 === 4 ? "INVITED" : "CREATED",
      JoinedTimestamp: joined,
    };
  }

  unitJson(unit: OrgUnit): Record<string, unknown> {
    return { Id: unit.id, Arn: unit.arn, Name: unit.name };
  }

  rootJson(): Record<string, unknown> {
    return { Id: this.rootId, Arn: this.rootArn, Name: "Root", PolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }] };
  }

  /** The organization's SCPs and RCPs (the default: FullAWSAccess attached everywhere). */
  policies(): readonly FakeOrganizationPolicy[] {
    return (this.policyList ??= this.organization.policies ?? [
      {
        id: "p-FullAWSAccess",
        name: "FullAWSAccess",
        type: "SERVICE_CONTROL_POLICY",
        document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
        targets: ["root", ...[...this.units.values()].map((u) => u.path.join("/")), ...this.organization.accounts.map((a) => a.id)],
      },
    ]);
  }

  /** A policy target as ListTargetsForPolicy returns it; undefined when the fixture names nothing known. */
  targetJson(target: string): Record<string, unknown> | undefined {
    if (target === "root") return { TargetId: this.rootId, Arn: this.rootArn, Name: "Root", Type: "ROOT" };
    const account = this.organization.accounts.find((a) => a.id === target);
    if (account) return { TargetId: account.id, Arn: this.accountArn(account.id), Name: account.name, Type: "ACCOUNT" };
    const unit = this.unitsByPath.get(JSON.stringify(target.split("/")));
    return unit && { TargetId: unit.id, Arn: unit.arn, Name: unit.name, Type: "ORGANIZATIONAL_UNIT" };
  }

  isParent(id: string): boolean {
    return id === this.rootId || this.units.has(id);
  }

  unitsUnder(parentId: string): OrgUnit[] {
    return this.childUnits.get(parentId) ?? [];
  }

  accountsUnder(parentId: string): FakeAccount[] {
    return this.childAccounts.get(parentId) ?? [];
  }

  /** The parent of an account or OU, or undefined when the child is unknown. */
  parentOf(childId: string): { Id: string; Type: "ROOT" | "ORGANIZATIONAL_UNIT" } | undefined {
    const parentId = this.accountParents.get(childId) ?? this.units.get(childId)?.parentId;
    if (parentId === undefined) return undefined;
    return { Id: parentId, Type: parentId === this.rootId ? "ROOT" : "ORGANIZATIONAL_UNIT" };
  }

  /** The OU at `path` (created with its ancestors on first use), or the root for []. */
  private unitFor(path: string[], rootSuffix: string): string {
    let parentId = this.rootId;
    for (let depth = 1; depth <= path.length; depth++) {
      const prefix = path.slice(0, depth);
      const key = JSON.stringify(prefix);
      let unit = this.unitsByPath.get(key);
      if (!unit) {
        const id = `ou-${rootSuffix}-${idFor(LOWER_ALNUM, 8, "ou", this.organization.id, key)}`;
        unit = {
          id,
          arn: `arn:aws:organizations::${this.managementAccountId}:ou/${this.organization.id}/${id}`,
          name: prefix[prefix.length - 1]!,
          parentId,
          path: prefix,
        };
        this.unitsByPath.set(key, unit);
        this.units.set(id, unit);
        push(this.childUnits, parentId, unit);
      }
      parentId = unit.id;
    }
    return parentId;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
