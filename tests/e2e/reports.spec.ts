/**
 * Downloads in Chromium against the seeded dashboard: a vendor's review pack from its page,
 * a list's CSV with the filters on screen, the organization summary for a chosen period.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test, type Download, type Page } from "@playwright/test";
import { pdfText } from "@/testkit/pdfText";
import { HOSTILE_ROLE } from "./seed";

async function download(page: Page, click: () => Promise<void>): Promise<{ download: Download; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return { download: file, body: readFileSync((await file.path())!) };
}

const squash = (text: string) => text.replace(/\s+/g, "");

test("a vendor page downloads its review pack as PDF and CSV", async ({ page }) => {
  await page.goto(`/vendors/${encodeURIComponent("vendor:Datadog")}`);
  const pdf = await download(page, () => page.getByTestId("downloads").getByRole("link", { name: "PDF" }).click());
  expect(pdf.download.suggestedFilename()).toMatch(/^vendor-review-Datadog-\d{4}-\d{2}-\d{2}\.pdf$/);
  const text = squash((await pdfText(pdf.body)).text);
  expect(text).toContain("Vendorreview:Datadog");
  expect(text).toContain("DatadogAWSIntegrationRole");
  expect(text).toContain(squash("ExternalId accepts any value (WEAK_EXTERNAL_ID)"));
  expect(text).toContain(squash("ExternalId required → weak"));

  const csv = await download(page, () => page.getByTestId("downloads").getByRole("link", { name: "CSV" }).click());
  const rows = parse(csv.body.toString("utf8"), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.account_id).sort()).toEqual(["210000000002", "210000000003"]);
});

test("hostile role names print as text in the review pack", async ({ page }) => {
  await page.goto(`/vendors/${encodeURIComponent("account:666655554444")}`);
  const pdf = await download(page, () => page.getByTestId("downloads").getByRole("link", { name: "PDF" }).click());
  const text = squash((await pdfText(pdf.body)).text);
  expect(text).toContain(squash(HOSTILE_ROLE));
  expect(text).toContain(`very-long-role-name-${"x".repeat(200)}`);
});

test("a list's CSV holds the rows its filters match", async ({ page }) => {
  await page.goto("/vendors?risk=critical&sort=name");
  const onScreen = await page.locator("tbody tr td:first-child a").allInnerTexts();
  const csv = await download(page, () => page.getByTestId("downloads").getByRole("link", { name: "CSV" }).click());
  expect(csv.download.suggestedFilename()).toMatch(/^vendors-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(csv.body.toString("utf8"), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.vendor)).toEqual(onScreen);
  expect(new Set(rows.map((r) => r.risk))).toEqual(new Set(["critical"]));
});

test("the Reports page downloads the organization summary for the chosen period", async ({ page }) => {
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reports");
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("From").fill(since);
  await page.screenshot({ path: "test-results/screenshots/reports.png", fullPage: true });
  const pdf = await download(page, () => page.getByRole("button", { name: "Download summary (PDF)" }).click());
  const text = squash((await pdfText(pdf.body)).text);
  expect(text).toContain("Third-partyaccesssummary");
  expect(text).toContain(`Period:${since}`);
  expect(text).toContain("Riskiestvendors");

  const json = await download(page, () => page.getByRole("link", { name: "JSON" }).first().click());
  const inventory = JSON.parse(json.body.toString("utf8"));
  expect(inventory.trusts.some((t: { roleName: string }) => t.roleName === "DatadogAWSIntegrationRole")).toBe(true);
});
