/**
 * Every kind of audit event: the codes stored in AuditEvent.action (the column keeps its name),
 * with how the log shows them.
 */
export const AUDIT = {
  SIGN_IN: "auth.sign_in",
  SIGN_OUT: "auth.sign_out",
  ACCOUNT_LOCKED: "auth.locked",
  SCAN_STARTED: "scan.started",
  SCAN_CANCELLED: "scan.cancelled",
  SCHEDULE_CHANGED: "schedule.changed",
  VENDOR_MAPPED: "vendor.mapped",
  USER_ATTRIBUTED: "iam_user.attributed",
  USER_CREATED: "user.created",
  USER_CHANGED: "user.changed",
  REPORT_DOWNLOADED: "report.downloaded",
  ACCESS_DENIED: "access.denied",
} as const;
export type AuditEventKind = (typeof AUDIT)[keyof typeof AUDIT];

export const AUDIT_LABELS: Record<AuditEventKind, string> = {
  [AUDIT.SIGN_IN]: "Sign-in",
  [AUDIT.SIGN_OUT]: "Sign-out",
  [AUDIT.ACCOUNT_LOCKED]: "Account locked",
  [AUDIT.SCAN_STARTED]: "Scan started",
  [AUDIT.SCAN_CANCELLED]: "Scan cancelled",
  [AUDIT.SCHEDULE_CHANGED]: "Schedule changed",
  [AUDIT.VENDOR_MAPPED]: "Vendor mapping changed",
  [AUDIT.USER_ATTRIBUTED]: "IAM user attributed",
  [AUDIT.USER_CREATED]: "User created",
  [AUDIT.USER_CHANGED]: "User changed",
  [AUDIT.REPORT_DOWNLOADED]: "Report downloaded",
  [AUDIT.ACCESS_DENIED]: "Access denied",
};

export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
