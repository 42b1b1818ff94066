import { test as setup } from "@playwright/test";
import { ADMIN, STATE, VIEWER, signIn } from "./users";

setup("sign in as the admin and as the viewer", async ({ browser }) => {
  for (const [who, file] of [[ADMIN, STATE.admin], [VIEWER, STATE.viewer]] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, who);
    await context.storageState({ path: file });
    await context.close();
  }
});
