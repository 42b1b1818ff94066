/** A role that someone outside its account can assume: what the input says of it, who and what. */
import type { RoleEntity } from "./authorizationDetails";
import type { EffectivePermissions } from "./permissions";
import type { TrustGrant } from "./trustPolicy";

/** What IAM says about a role, as Vendorscope keeps it (the source of stored role rows). */
export interface RoleFacts extends Pick<RoleEntity, "arn" | "name" | "path" | "roleId" | "createDate"> {
  lastUsed: string | null;
  lastUsedRegion: string | null;
  /** The input says when the role was last used (or that it never was). */
  lastUsedKnown: boolean;
  /** The role's trust policy, decoded (shared between roles with the same document). */
  trustPolicy: unknown;
}

export interface ExternalRole extends RoleFacts {
  /** One per principal outside the account that can assume the role. */
  grants: TrustGrant[];
  /** Shared between every role with the same policies (and, once judged, the same guardrails). */
  permissions: EffectivePermissions;
  /** The role's tags (what guardrail conditions on aws:PrincipalTag / aws:ResourceTag read). */
  tags: Readonly<Record<string, string>>;
}
