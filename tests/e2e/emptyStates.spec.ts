import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./users";

const EMPTY = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1}`;

// A fresh install: its first admin was created at first start from VENDORSCOPE_ADMIN_*.
test.use({ storageState: { cookies: [], origins: [] } });

test("with no scan yet, pages say how to run one", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await signIn(page, ADMIN, EMPTY);
  await page.goto(`${EMPTY}/`);
  await expect(page.getByText("No scan yet")).toBeVisible();
  await expect(page.getByText("npx vendorscope scan --from exports/")).toBeVisible();
  await expect(page.getByRole("table").getByText("WILDCARD_PRINCIPAL", { exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/empty-overview.png", fullPage: true });
  for (const path of ["/scans", "/accounts"]) {
    await page.goto(`${EMPTY}${path}`);
    await expect(page.getByText("No scan yet")).toBeVisible();
  }
  await page.goto(`${EMPTY}/vendors`);
  await expect(page.getByText("No vendor matches")).toBeVisible();
  expect(problems).toEqual([]);
});
