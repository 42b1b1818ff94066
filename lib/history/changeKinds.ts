/** The kinds of change a scan records; each is one ChangeEvent row. */
export const CHANGE = {
  ACCOUNT_ADDED: "ACCOUNT_ADDED",
  ACCOUNT_REMOVED: "ACCOUNT_REMOVED",
  TRUST_ADDED: "TRUST_ADDED",
  TRUST_REMOVED: "TRUST_REMOVED",
  PRINCIPAL_CHANGED: "PRINCIPAL_CHANGED",
  EXTERNAL_ID_CHANGED: "EXTERNAL_ID_CHANGED",
  VENDOR_CHANGED: "VENDOR_CHANGED",
  PERMISSIONS_WIDENED: "PERMISSIONS_WIDENED",
  PERMISSIONS_NARROWED: "PERMISSIONS_NARROWED",
  FINDING_RAISED: "FINDING_RAISED",
  FINDING_RESOLVED: "FINDING_RESOLVED",
  RISK_CHANGED: "RISK_CHANGED",
  VENDOR_APPEARED: "VENDOR_APPEARED",
  VENDOR_DISAPPEARED: "VENDOR_DISAPPEARED",
  /** Someone named who holds access (an unknown account's vendor): a rename, not new access. */
  ATTRIBUTED: "ATTRIBUTED",
  /** A resource policy or share now lets someone outside the account use the resource. */
  RESOURCE_GRANTED: "RESOURCE_GRANTED",
  RESOURCE_REVOKED: "RESOURCE_REVOKED",
  /** The same principal's grant on the resource allows other actions, or its findings or risk changed. */
  RESOURCE_GRANT_CHANGED: "RESOURCE_GRANT_CHANGED",
  KEY_CREATED: "KEY_CREATED",
  KEY_ROTATED: "KEY_ROTATED",
  KEY_DELETED: "KEY_DELETED",
  KEY_DEACTIVATED: "KEY_DEACTIVATED",
  KEY_ACTIVATED: "KEY_ACTIVATED",
} as const;

export type ChangeKind = (typeof CHANGE)[keyof typeof CHANGE];

/** A change before it is stored (the scan id and time are added by the store). */
export interface ChangeDraft {
  kind: ChangeKind;
  accountId: string | null;
  /** The role's ARN; for a resource grant's change, the resource's (the ARN the change is about). */
  roleArn?: string | null;
  principal?: string | null;
  vendorName?: string | null;
  externalAccountId?: string | null;
  /** Who holds the access (lib/inventory/party.ts). */
  party?: string | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}
