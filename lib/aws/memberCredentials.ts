/**
 * Credentials for each member account: sts:AssumeRole into the configured role (the
 * caller's own account uses the base credentials), cached until shortly before they expire.
 */
import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";

export interface MemberRoleSettings {
  roleName: string;
  externalId?: string;
  sessionName: string;
  durationSeconds: number;
}

export const DEFAULT_MEMBER_ROLE: MemberRoleSettings = {
  roleName: "OrganizationAccountAccessRole",
  sessionName: "vendorscope",
  durationSeconds: 3600,
};

/** The member role as configured: flags win over VENDORSCOPE_MEMBER_ROLE / VENDORSCOPE_EXTERNAL_ID, then the default. */
export function configuredMemberRole(overrides: { roleName?: string; externalId?: string } = {}): MemberRoleSettings {
  return {
    ...DEFAULT_MEMBER_ROLE,
    roleName: overrides.roleName ?? (process.env.VENDORSCOPE_MEMBER_ROLE || DEFAULT_MEMBER_ROLE.roleName),
    externalId: overrides.externalId ?? (process.env.VENDORSCOPE_EXTERNAL_ID || undefined),
  };
}

/** Refresh this long before expiry, so no call starts with credentials about to lapse. */
export const REFRESH_BEFORE_MS = 5 * 60 * 1000;

export class MemberCredentials {
  private readonly cache = new Map<string, Promise<AwsCredentialIdentity>>();

  constructor(
    private readonly settings: MemberRoleSettings,
    private readonly callerAccountId: string,
    readonly partition: string,
  ) {}

  roleArn(accountId: string): string {
    return `arn:${this.partition}:iam::${accountId}:role/${this.settings.roleName}`;
  }

  /**
   * A credential provider for the account (AssumeRole through `sts`), or null for the caller's
   * own account, which is read with the base credentials.
   */
  forAccount(accountId: string, sts: STSClient): (() => Promise<AwsCredentialIdentity>) | null {
    if (accountId === this.callerAccountId) return null;
    return () => this.get(accountId, sts);
  }

  private get(accountId: string, sts: STSClient): Promise<AwsCredentialIdentity> {
    const cached = this.cache.get(accountId);
    if (cached) {
      return cached.then((creds) => {
        if (creds.expiration && creds.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS) return creds;
        this.cache.delete(accountId);
        return this.get(accountId, sts);
      });
    }
    const fresh = this.assume(accountId, sts);
    this.cache.set(accountId, fresh);
    fresh.catch(() => this.cache.delete(accountId));
    return fresh;
  }

  private async assume(accountId: string, sts: STSClient): Promise<AwsCredentialIdentity> {
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: this.roleArn(accountId),
        RoleSessionName: this.settings.sessionName,
        DurationSeconds: this.settings.durationSeconds,
        ...(this.settings.externalId ? { ExternalId: this.settings.externalId } : {}),
      }),
    );
    if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) throw new Error(`AssumeRole into ${accountId} returned no credentials`);
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
      expiration: Credentials.Expiration,
    };
  }
}
