/** The last onboarding check's report, as the Setup page shows it. */
import type { Db } from "../db/types";
import type { DoctorReport } from "./doctor";

export const DOCTOR_SETTING = "doctor";

export async function lastDoctorReport(db: Db): Promise<DoctorReport | null> {
  const row = await db.setting.findUnique({ where: { key: DOCTOR_SETTING } });
  return row ? (row.value as unknown as DoctorReport) : null;
}
