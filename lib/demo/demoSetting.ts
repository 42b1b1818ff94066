/** Whether the inventory holds the demo organization (set by loadDemo), for the dashboard's banner. */
import type { Db } from "../db/types";

export const DEMO_SETTING = "demo";

export async function demoLoaded(db: Db): Promise<boolean> {
  return (await db.setting.findUnique({ where: { key: DEMO_SETTING }, select: { key: true } })) !== null;
}
