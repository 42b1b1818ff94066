/**
 * The accounts the fake serves, by id: the organization's members, or one standalone
 * account when there is no organization. The base (management or standalone) account is
 * the one unrecognised access keys belong to.
 */
import { OrganizationModel } from "./orgTree";
import type { FakeAccount, FakeOrganization } from "./types";

export const DEFAULT_STANDALONE_ACCOUNT_ID = "123456789012";

export class AccountDirectory {
  readonly organization: OrganizationModel | null;
  readonly baseAccountId: string;
  private readonly accounts = new Map<string, FakeAccount>();

  constructor(organization: FakeOrganization | null, standaloneAccount?: FakeAccount) {
    if (organization) {
      this.organization = new OrganizationModel(organization);
      this.baseAccountId = organization.managementAccountId;
      for (const account of organization.accounts) this.accounts.set(account.id, account);
      if (!this.accounts.has(organization.managementAccountId)) {
        throw new Error(`fake AWS: management account ${organization.managementAccountId} is not among the organization's accounts`);
      }
    } else {
      const account = standaloneAccount ?? { id: DEFAULT_STANDALONE_ACCOUNT_ID, name: "standalone", authorizationDetails: () => ({}) };
      this.organization = null;
      this.baseAccountId = account.id;
      this.accounts.set(account.id, account);
    }
  }

  get(accountId: string): FakeAccount | undefined {
    return this.accounts.get(accountId);
  }
}
