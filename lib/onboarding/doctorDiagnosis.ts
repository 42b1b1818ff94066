/** The doctor's last diagnosis (each check, step by step), kept for the Setup page. */
import type { Db } from "../db/types";
import type { DoctorDiagnosis } from "./doctor";

export const DOCTOR_SETTING = "doctor";

export async function lastDoctorDiagnosis(db: Db): Promise<DoctorDiagnosis | null> {
  const row = await db.setting.findUnique({ where: { key: DOCTOR_SETTING } });
  return row ? (row.value as unknown as DoctorDiagnosis) : null;
}
