import { expect, test } from "@playwright/test";
import { FINDING } from "../../lib/analysis/findings/types";

test("the home page says what Vendorscope does and lists every finding", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Which outside party can get into which of our accounts?");
  const findings = page.getByRole("table");
  for (const code of Object.values(FINDING)) await expect(findings.getByText(code, { exact: true })).toBeVisible();
  await expect(page.getByText("npx vendorscope analyze")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/home.png", fullPage: true });
  expect(problems).toEqual([]);
});
