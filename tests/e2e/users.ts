/** The dashboard users the browser tests sign in as (created by seed.ts; the empty server's first admin). */
import type { Page } from "@playwright/test";

export const ADMIN = { email: "admin@acme.test", password: "admin-password-for-tests", name: "Ada Admin" };
export const VIEWER = { email: "viewer@acme.test", password: "viewer-password-for-tests", name: "Vic Viewer" };
export const STATE = { admin: "test-results/e2e/.auth/admin.json", viewer: "test-results/e2e/.auth/viewer.json" };
/** The seeded server locks an email after this many failed sign-ins (VENDORSCOPE_LOCKOUT_ATTEMPTS). */
export const LOCKOUT_ATTEMPTS = 3;

export async function signIn(page: Page, who: { email: string; password: string }, base = ""): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email", { exact: true }).fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByTestId("signed-in-as").waitFor();
}
