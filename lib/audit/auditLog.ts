/**
 * The audit log: written for every audited event, read by admins, exported as CSV. The table is
 * append-only (a database trigger refuses UPDATE and DELETE), so nothing here edits it.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db/types";
import { toCsv } from "../export/csv";
import { oneOf, page as pageParam, text, PAGE_SIZE, type Paged, type SearchParams } from "../queries/params";
import { recordAnonymousDenial } from "./anonymousDenials";
import { auditText, AUDIT_LIMITS } from "./auditText";
import { AUDIT, AUDIT_LABELS, AUDIT_OUTCOMES, type AuditEventKind, type AuditOutcome } from "./auditEventKinds";

/** Who made the request: the signed-in user (if any) and where it came from. */
export interface AuditActor {
  actorId?: string | null;
  actor?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry extends AuditActor {
  /** The event's kind, stored in AuditEvent.action. */
  action: AuditEventKind;
  outcome?: AuditOutcome;
  target?: string | null;
  details?: Record<string, unknown>;
}

function auditDetails(details: Record<string, unknown> | undefined): Prisma.InputJsonValue | undefined {
  if (!details) return undefined;
  const json = JSON.stringify(details);
  if (json.length <= AUDIT_LIMITS.details) return details as Prisma.InputJsonValue;
  return { truncated: true, preview: auditText(json, AUDIT_LIMITS.details) };
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: entry.action,
      outcome: entry.outcome ?? "success",
      actorId: entry.actorId ?? null,
      actor: auditText(entry.actor, AUDIT_LIMITS.actor),
      ip: auditText(entry.ip, AUDIT_LIMITS.ip),
      userAgent: auditText(entry.userAgent, AUDIT_LIMITS.userAgent),
      target: auditText(entry.target, AUDIT_LIMITS.target),
      details: auditDetails(entry.details),
    },
  });
}

/**
 * A refusal by a role or origin check. Callers who are signed in get a row each; anonymous ones
 * are counted into one row per source and window (lib/audit/anonymousDenials.ts), so nobody can
 * fill the log, which may never be cleaned, by repeating a request.
 */
export async function recordDenial(db: Db, actor: AuditActor, target: string, reason: string): Promise<void> {
  if (!actor.actorId) {
    await recordAnonymousDenial(db, { ip: actor.ip, userAgent: actor.userAgent, target, reason });
    return;
  }
  await recordAudit(db, { action: AUDIT.ACCESS_DENIED, outcome: "denied", ...actor, target, details: { reason } });
}

const EVENT_KINDS = Object.values(AUDIT);

export interface AuditFilters {
  /** The event kind (`?action=`, AuditEvent.action). */
  action?: AuditEventKind;
  outcome?: AuditOutcome;
  /** Substring of the actor's email. */
  actor?: string;
}

export function auditFilters(params: SearchParams): AuditFilters {
  return { action: oneOf(params, "action", EVENT_KINDS), outcome: oneOf(params, "outcome", AUDIT_OUTCOMES), actor: text(params, "actor") };
}

function where(filters: AuditFilters): Prisma.AuditEventWhereInput {
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(filters.actor ? { actor: { contains: filters.actor, mode: "insensitive" as const } } : {}),
  };
}

export type AuditRow = Awaited<ReturnType<Db["auditEvent"]["findMany"]>>[number];

export async function listAuditEvents(db: Db, params: SearchParams): Promise<Paged<AuditRow>> {
  const filters = where(auditFilters(params));
  const page = pageParam(params);
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where: filters, orderBy: { id: "desc" }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db.auditEvent.count({ where: filters }),
  ]);
  return { rows, total, page, pageSize: PAGE_SIZE };
}

export function auditLabel(kind: string): string {
  return AUDIT_LABELS[kind as AuditEventKind] ?? kind;
}

/** The details column of the CSV; an aggregated row also says how many times, and when last. */
function detailsText(row: AuditRow): string | null {
  if (row.count <= 1) return row.details === null ? null : JSON.stringify(row.details);
  const details = row.details && typeof row.details === "object" && !Array.isArray(row.details) ? row.details : { details: row.details };
  return JSON.stringify({ ...details, count: row.count, lastAt: row.lastAt?.toISOString() ?? null });
}

/** Every event the filters match, newest first, in batches (the log can be long). */
export async function auditCsv(db: Db, params: SearchParams): Promise<string> {
  const filters = where(auditFilters(params));
  const rows: AuditRow[] = [];
  for (let cursor: number | undefined; ; ) {
    const batch = await db.auditEvent.findMany({
      where: { ...filters, ...(cursor ? { id: { lt: cursor } } : {}) },
      orderBy: { id: "desc" },
      take: 5000,
    });
    rows.push(...batch);
    if (batch.length < 5000) break;
    cursor = batch[batch.length - 1]!.id;
  }
  return toCsv(
    ["Time (UTC)", "Action", "Outcome", "Actor", "From", "User agent", "Target", "Details"],
    rows.map((r) => [r.at.toISOString(), auditLabel(r.action), r.outcome, r.actor, r.ip, r.userAgent, r.target, detailsText(r)]),
  );
}
