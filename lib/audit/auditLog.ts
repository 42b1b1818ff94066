/**
 * The audit log: written by every audited action, read by admins, exported as CSV. The table is
 * append-only (a database trigger refuses UPDATE and DELETE), so nothing here edits it.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db/types";
import { toCsv } from "../export/csv";
import { oneOf, page as pageParam, text, PAGE_SIZE, type Paged, type SearchParams } from "../queries/params";
import { AUDIT, AUDIT_LABELS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from "./auditActions";

/** Who made the request: the signed-in user (if any) and where it came from. */
export interface AuditActor {
  actorId?: string | null;
  actor?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry extends AuditActor {
  action: AuditAction;
  outcome?: AuditOutcome;
  target?: string | null;
  details?: Record<string, unknown>;
}

const MAX_TEXT = 500;
const clip = (value: string | null | undefined) => (value ? value.slice(0, MAX_TEXT) : null);

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: entry.action,
      outcome: entry.outcome ?? "success",
      actorId: entry.actorId ?? null,
      actor: clip(entry.actor),
      ip: clip(entry.ip),
      userAgent: clip(entry.userAgent),
      target: clip(entry.target),
      details: (entry.details ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}

const ACTIONS = Object.values(AUDIT);

export interface AuditFilters {
  action?: AuditAction;
  outcome?: AuditOutcome;
  /** Substring of the actor's email. */
  actor?: string;
}

export function auditFilters(params: SearchParams): AuditFilters {
  return { action: oneOf(params, "action", ACTIONS), outcome: oneOf(params, "outcome", AUDIT_OUTCOMES), actor: text(params, "actor") };
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

export function auditLabel(action: string): string {
  return AUDIT_LABELS[action as AuditAction] ?? action;
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
    rows.map((r) => [r.at.toISOString(), auditLabel(r.action), r.outcome, r.actor, r.ip, r.userAgent, r.target, r.details === null ? null : JSON.stringify(r.details)]),
  );
}
