/** One account at one snapshot: the roles, users, groups and customer policies the stories add. */
import { cliDate, pick } from "./deterministic";
import type { AccountDef, DemoSnapshot } from "./organization";
import type { PolicyDoc } from "./policyDocuments";

/** When a role was last used: days before the snapshot, a fixed time, or never. */
export type LastUsed = { daysAgo: number; region?: string } | { at: string; region?: string } | "never";

export interface RoleDef {
  name: string;
  path?: string;
  created: string;
  trust: PolicyDoc;
  inline?: [name: string, document: PolicyDoc][];
  managed?: string[];
  boundary?: string;
  lastUsed: LastUsed;
  tags?: [key: string, value: string][];
  instanceProfile?: boolean;
}

export interface AccessKeyDef {
  active: boolean;
  rotated: string;
  lastUsed?: { daysAgo: number } | { at: string };
  service?: string;
  region?: string;
}

export interface UserDef {
  name: string;
  path?: string;
  created: string;
  tags?: [key: string, value: string][];
  inline?: [name: string, document: PolicyDoc][];
  managed?: string[];
  groups?: string[];
  password?: { lastUsed: { daysAgo: number } | "never"; lastChanged: string; mfa: boolean };
  keys?: AccessKeyDef[];
}

export interface GroupDef {
  name: string;
  created: string;
  managed?: string[];
  inline?: [name: string, document: PolicyDoc][];
}

export interface CustomerPolicyDef {
  name: string;
  created: string;
  /** Oldest first; the last one is the default version. */
  versions: { id: string; created: string; document: PolicyDoc }[];
}

export class AccountBuilder {
  readonly roles: RoleDef[] = [];
  readonly users: UserDef[] = [];
  readonly groups: GroupDef[] = [];
  readonly customerPolicies: CustomerPolicyDef[] = [];

  constructor(
    readonly account: AccountDef,
    readonly snapshot: DemoSnapshot,
  ) {}

  get id(): string {
    return this.account.id;
  }

  /** From snapshot `n` on. */
  from(n: number): boolean {
    return this.snapshot.index >= n;
  }

  /** Nothing in an account predates the account (ml-research joins in snapshot 2). */
  private notBeforeJoining(created: string): string {
    const joined = Date.parse(this.account.joined);
    return Date.parse(created) >= joined ? created : cliDate(new Date(joined - (joined % 60_000) + 3_600_000).toISOString());
  }

  role(def: RoleDef): void {
    this.roles.push({ ...def, created: this.notBeforeJoining(def.created) });
  }

  user(def: UserDef): void {
    this.users.push({ ...def, created: this.notBeforeJoining(def.created) });
  }

  group(def: GroupDef): void {
    this.groups.push({ ...def, created: this.notBeforeJoining(def.created) });
  }

  /** A customer managed policy of this account; returns its ARN. */
  policy(def: CustomerPolicyDef): string {
    if (!this.customerPolicies.some((p) => p.name === def.name)) {
      const versions = def.versions.map((v) => ({ ...v, created: this.notBeforeJoining(v.created) }));
      this.customerPolicies.push({ ...def, created: this.notBeforeJoining(def.created), versions });
    }
    return `arn:aws:iam::${this.id}:policy/${def.name}`;
  }

  /** A hash-derived "used recently" value, so accounts don't all look alike. */
  recent(seed: string, maxDays = 6): LastUsed {
    return { daysAgo: 1 + pick(`${this.id}|${seed}`, maxDays) };
  }
}

export function withTags(vendor: string | null, ...extra: [string, string][]): [string, string][] {
  return [...(vendor ? ([["vendor", vendor]] as [string, string][]) : []), ...extra];
}
