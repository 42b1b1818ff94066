"use server";
/**
 * The dashboard's writes. Each validates its input on the server; naming an unknown account
 * stores the user's own mapping and re-analyses the accounts it reaches.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { serverStore } from "@/lib/db/server";
import { requestCancel } from "@/lib/scan/executor";
import { nameExternalAccount } from "@/lib/scan/nameAccount";
import { startScanInBackground } from "@/lib/scan/webScans";
import { saveSchedule, ScheduleError } from "@/lib/schedule/schedule";

const NAME = /^[^\u0000-\u001f\u007f]{1,100}$/;

export async function nameUnknownAccount(formData: FormData): Promise<void> {
  const accountId = String(formData.get("accountId") ?? "");
  const name = String(formData.get("name") ?? "").trim();
  if (!/^\d{12}$/.test(accountId)) redirect(`/unknown-accounts?error=${encodeURIComponent("The account id must be 12 digits.")}`);
  if (!NAME.test(name)) redirect(`/unknown-accounts?error=${encodeURIComponent("Give the vendor a name of 1 to 100 characters.")}`);
  const store = await serverStore();
  await nameExternalAccount(store, accountId, name, "dashboard");
  revalidatePath("/", "layout");
  redirect(`/vendors/${encodeURIComponent(`vendor:${name}`)}?named=${accountId}`);
}

export async function attributeUser(formData: FormData): Promise<void> {
  const userArn = String(formData.get("userArn") ?? "");
  const vendor = String(formData.get("vendor") ?? "").trim();
  if (!/^arn:aws[a-z-]*:iam::\d{12}:user\/.{1,512}$/.test(userArn)) redirect(`/users?error=${encodeURIComponent("Not an IAM user ARN.")}`);
  const { prisma } = await serverStore();
  if (!vendor) await prisma.userAttribution.deleteMany({ where: { userArn } });
  else if (!NAME.test(vendor)) redirect(`/users?error=${encodeURIComponent("Give the vendor a name of 1 to 100 characters.")}`);
  else await prisma.userAttribution.upsert({ where: { userArn }, create: { userArn, vendorName: vendor }, update: { vendorName: vendor } });
  revalidatePath("/users");
  redirect("/users");
}

export async function scanNow(): Promise<void> {
  const store = await serverStore();
  const outcome = await startScanInBackground(store, "manual", "dashboard");
  if ("running" in outcome) redirect(`/settings?error=${encodeURIComponent(`Scan #${outcome.running} is already running.`)}`);
  redirect("/scans");
}

export async function cancelScan(formData: FormData): Promise<void> {
  const id = Number(formData.get("scanId"));
  const store = await serverStore();
  await requestCancel(store, Number.isInteger(id) && id > 0 ? id : undefined);
  redirect("/scans");
}

export async function updateSchedule(formData: FormData): Promise<void> {
  const cron = String(formData.get("cron") ?? "").trim();
  const timezone = String(formData.get("timezone") ?? "UTC").trim();
  const enabled = formData.get("enabled") === "on";
  const { prisma } = await serverStore();
  try {
    await saveSchedule(prisma, { cron, timezone, enabled }, "dashboard");
  } catch (error) {
    if (error instanceof ScheduleError) redirect(`/settings?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  revalidatePath("/settings");
  redirect("/settings?saved=1");
}
