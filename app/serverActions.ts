"use server";
/**
 * The dashboard's writes (admin only). Each checks the caller (requireAdmin: signed-in admin,
 * same origin), validates its input with zod, and records what it did in the audit log.
 * Naming an unknown account stores the user's own mapping and re-analyzes the accounts it reaches.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AUDIT } from "@/lib/audit/auditEventKinds";
import { recordAudit } from "@/lib/audit/auditLog";
import { requireAdmin } from "@/lib/auth/access";
import { serverStore } from "@/lib/db/server";
import { requestCancel } from "@/lib/scan/runners/executor";
import { nameExternalAccount } from "@/lib/scan/nameAccount";
import { startScanInBackground } from "@/lib/scan/runners/background";
import { saveSchedule, ScheduleError } from "@/lib/schedule/schedule";
import { displayName, parseForm, withError } from "@/lib/web/formInput";
import { vendorHref } from "@/lib/web/url";

const nameAccountInput = z.object({
  accountId: z.string().regex(/^\d{12}$/, "The account id must be 12 digits."),
  name: displayName("vendor"),
});

export async function nameUnknownAccount(formData: FormData): Promise<void> {
  const { user, actor } = await requireAdmin("nameUnknownAccount");
  const input = parseForm(nameAccountInput, formData);
  if (!input.ok) redirect(withError("/unknown-accounts", input.error));
  const { accountId, name } = input.value;
  const store = await serverStore();
  await nameExternalAccount(store, accountId, name, user.email);
  await recordAudit(store.prisma, { action: AUDIT.VENDOR_MAPPED, ...actor, target: accountId, details: { vendor: name } });
  revalidatePath("/", "layout");
  redirect(`${vendorHref(`vendor:${name}`)}?named=${accountId}`);
}

const attributeInput = z.object({
  userArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:user\/.{1,512}$/, "Not an IAM user ARN."),
  vendor: z.union([z.literal(""), displayName("vendor")]).default(""),
});

export async function attributeUser(formData: FormData): Promise<void> {
  const { actor } = await requireAdmin("attributeUser");
  const input = parseForm(attributeInput, formData);
  if (!input.ok) redirect(withError("/users", input.error));
  const { userArn, vendor } = input.value;
  const { prisma } = await serverStore();
  if (!vendor) await prisma.userAttribution.deleteMany({ where: { userArn } });
  else await prisma.userAttribution.upsert({ where: { userArn }, create: { userArn, vendorName: vendor }, update: { vendorName: vendor } });
  await recordAudit(prisma, { action: AUDIT.USER_ATTRIBUTED, ...actor, target: userArn, details: { vendor: vendor || null } });
  revalidatePath("/users");
  redirect("/users");
}

export async function scanNow(): Promise<void> {
  const { user, actor } = await requireAdmin("scanNow");
  const store = await serverStore();
  const outcome = await startScanInBackground(store, "manual", user.email);
  if ("running" in outcome) {
    await recordAudit(store.prisma, { action: AUDIT.SCAN_STARTED, outcome: "failure", ...actor, target: `scan #${outcome.running}`, details: { reason: "a scan is running" } });
    redirect(withError("/settings", `Scan #${outcome.running} is already running.`));
  }
  await recordAudit(store.prisma, { action: AUDIT.SCAN_STARTED, ...actor, details: { trigger: "manual" } });
  redirect("/scans");
}

const cancelInput = z.object({ scanId: z.coerce.number().int().positive().optional() });

export async function cancelScan(formData: FormData): Promise<void> {
  const { actor } = await requireAdmin("cancelScan");
  const input = parseForm(cancelInput, formData);
  const store = await serverStore();
  const cancelled = await requestCancel(store, input.ok ? input.value.scanId : undefined);
  if (cancelled) await recordAudit(store.prisma, { action: AUDIT.SCAN_CANCELLED, ...actor, target: `scan #${cancelled}` });
  redirect("/scans");
}

const scheduleInput = z.object({
  cron: z.string().trim().min(1, "Give a cron expression.").max(100),
  timezone: z.string().trim().max(64).default("UTC"),
  enabled: z.literal("on").optional(),
});

export async function updateSchedule(formData: FormData): Promise<void> {
  const { user, actor } = await requireAdmin("updateSchedule");
  const input = parseForm(scheduleInput, formData);
  if (!input.ok) redirect(withError("/settings", input.error));
  const schedule = { cron: input.value.cron, timezone: input.value.timezone || "UTC", enabled: input.value.enabled === "on" };
  const { prisma } = await serverStore();
  try {
    await saveSchedule(prisma, schedule, user.email);
  } catch (error) {
    if (error instanceof ScheduleError) redirect(withError("/settings", error.message));
    throw error;
  }
  await recordAudit(prisma, { action: AUDIT.SCHEDULE_CHANGED, ...actor, details: schedule });
  revalidatePath("/settings");
  redirect("/settings?saved=1");
}
