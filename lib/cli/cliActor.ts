/** Who acts when a command changes something: the operating-system user on this machine, for scans and the audit log. */
import { hostname } from "node:os";
import type { AuditActor } from "../audit/auditLog";

export function cliUser(): string {
  return `cli:${process.env.USER ?? process.env.USERNAME ?? "unknown"}`;
}

export function cliActor(): AuditActor {
  return { actor: cliUser(), ip: `host ${hostname()}`, userAgent: "vendorscope CLI" };
}
