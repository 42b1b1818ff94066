/** The AWS settings a scan would use, from the environment (and CLI flags), for the doctor. */
import { DEFAULT_AWS_SETTINGS, type AwsSettings } from "../aws/clients";
import { configuredMemberRole, type MemberRoleSettings } from "../aws/memberCredentials";

export function scanSettings(overrides: { roleName?: string; externalId?: string; region?: string } = {}): { aws: AwsSettings; memberRole: MemberRoleSettings } {
  return {
    aws: { ...DEFAULT_AWS_SETTINGS, maxAttempts: 3, callTimeoutMs: 10_000, region: overrides.region ?? DEFAULT_AWS_SETTINGS.region },
    memberRole: configuredMemberRole(overrides),
  };
}
