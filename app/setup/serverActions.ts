"use server";
/** Runs the onboarding checks with this server's AWS configuration and keeps the diagnosis for the Setup page. */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireAdmin } from "@/lib/auth/access";
import { prisma } from "@/lib/db/server";
import { vendorListMeta } from "@/lib/db/vendorStore";
import { runDoctor } from "@/lib/onboarding/doctor";
import { scanSettings } from "@/lib/onboarding/doctorSettings";
import { DOCTOR_SETTING } from "@/lib/onboarding/doctorDiagnosis";

export async function runSetupChecks(): Promise<void> {
  await requireAdmin("runSetupChecks");
  const db = await prisma();
  const diagnosis = await runDoctor({ ...scanSettings(), vendorList: await vendorListMeta(db) });
  const value = diagnosis as unknown as Prisma.InputJsonObject;
  await db.setting.upsert({ where: { key: DOCTOR_SETTING }, create: { key: DOCTOR_SETTING, value }, update: { value } });
  revalidatePath("/setup");
  redirect("/setup");
}
