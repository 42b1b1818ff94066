/**
 * The dashboard in Chromium against `next start`, on a database filled by two real scans of
 * the Acme fixture organization (tests/e2e/seed.ts): every page renders its data, filters and
 * search change results, links lead where they say, charts draw, hostile names stay text,
 * and naming an unknown account works end to end. Screenshots go to test-results/screenshots.
 */
import { expect, test, type Page } from "@playwright/test";

const problems: string[] = [];

test.beforeEach(({ page }) => {
  problems.length = 0;
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
});

test.afterEach(() => {
  expect(problems).toEqual([]);
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

test.describe.serial("the dashboard", () => {
  test("overview: totals, risk counts that link to their rows, last changes, trend chart, stale account", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Third-party access overview");
    await expect(page.getByText(/Last scan #2 partial/)).toBeVisible();
    const vendors = page.getByRole("link", { name: /Vendors with access/ });
    await expect(vendors).toContainText("10");
    // The trend chart draws (recharts renders SVG in the browser).
    await expect(page.getByTestId("trend-chart").locator("svg path.recharts-curve").first()).toBeVisible();
    await expect(page.getByText("GitHub Actions can now assume 210000000002/legacy-ci (critical)")).toBeVisible();
    await expect(page.getByRole("link", { name: "1 account with stale data" })).toBeVisible();
    await shot(page, "overview");

    await page.getByRole("link", { name: /critical risk/ }).click();
    await expect(page).toHaveURL(/\/trusts\?risk=critical$/);
    await expect(page.locator("tbody tr")).toHaveCount(4);
  });

  test("risk is explained where it is shown, and no badge or id breaks inside a word at 1280 px", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/");
    // High through a weak ExternalId and data access, neither a headline finding: both are shown.
    const datadog = page.locator("tbody tr", { hasText: "Datadog" });
    await expect(datadog.locator(".finding-badge").first()).toHaveText("weak ExternalId");
    await expect(datadog).toContainText("data access");
    const initech = page.locator("tbody tr", { hasText: "Initech Consulting" });
    await expect(initech.locator(".finding-badge").nth(1)).toHaveText("priv. escalation");
    await expect(page.getByRole("link", { name: /^All \d+ vendors, riskiest first$/ })).toBeVisible();
    for (const path of ["/", "/vendors", "/trusts", `/vendors/${encodeURIComponent("vendor:Datadog")}`, "/accounts/210000000002", "/scans/2", "/actions?q=s3:GetObject"]) {
      await page.goto(path);
      const broken = await page.locator(".finding-badge, .risk-badge, span[data-tone], a.font-mono").evaluateAll((items) =>
        items
          .filter((el) => {
            const style = getComputedStyle(el);
            const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.4;
            return el.getBoundingClientRect().height > 1.6 * line;
          })
          .map((el) => el.textContent),
      );
      expect(broken, path).toEqual([]);
    }
  });

  test("vendors: filter, search, sort, and the links in the table", async ({ page }) => {
    await page.goto("/vendors");
    await expect(page.locator("tbody tr")).toHaveCount(10);
    await shot(page, "vendors");

    await page.getByLabel("Worst risk").selectOption("critical");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/risk=critical/);
    await expect(page.locator("tbody tr")).toHaveCount(4);

    await page.goto("/vendors?q=datadog");
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expect(page.locator("tbody")).toContainText("464622532012");

    await page.goto("/vendors?sort=name");
    const keys = (await page.locator("tbody tr td:first-child a").evaluateAll((links) => links.map((a) => decodeURIComponent(a.getAttribute("href")!.split("/").pop()!))))
      .map((party) => party.replace(/^[a-z]+:/, "").toLowerCase());
    expect(keys).toEqual([...keys].sort());
    await page.goBack();
    await expect(page).toHaveURL(/q=datadog/);

    await page.goto("/vendors?finding=ADMIN_ACCESS");
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await page.getByRole("link", { name: "Initech Consulting" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Initech Consulting");
  });

  test("vendor page: where it gets in, access by service chart, risky actions, findings with fixes, history", async ({ page }) => {
    await page.goto(`/vendors/${encodeURIComponent("vendor:Datadog")}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Datadog");
    await expect(page.getByRole("heading", { name: "Where it can get in" })).toBeVisible();
    await expect(page.locator("tbody tr")).toHaveCount(2);
    await expect(page.getByTestId("service-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "logs:FilterLogEvents" })).toBeVisible();
    // The risk in one sentence, and each finding names what this vendor holds.
    await expect(page.getByTestId("risk-reason")).toContainText("because it can change, delete, launch or read data, with an ExternalId that accepts any value");
    await expect(page.getByText("This vendor holds:")).toBeVisible();
    await expect(page.getByText("ExternalId accepts any value", { exact: true })).toBeVisible();
    await expect(page.getByText(/How to fix: Replace it with StringEquals/)).toBeVisible();
    const history = page.getByTestId("vendor-history");
    await expect(history).toContainText("ExternalId required → weak");
    await expect(history).toContainText("New party with access: Datadog");
    await shot(page, "vendor");

    await page.getByRole("link", { name: "210000000003" }).first().click();
    await expect(page).toHaveURL(/\/accounts\/210000000003$/);
  });

  test("guardrails: an SCP's removed actions, before and after, on the vendor and role pages; the perimeter blocks an unapproved vendor", async ({ page }) => {
    await page.goto(`/vendors/${encodeURIComponent("vendor:GitHub Actions")}`);
    const section = page.getByRole("region", { name: "Guardrails" });
    await expect(section).toBeVisible();
    const policy = section.locator("tbody tr", { hasText: "DenyCiTeardown" });
    await expect(policy).toContainText("210000000002");
    await expect(policy.getByRole("link", { name: "ec2:TerminateInstances" })).toBeVisible();
    const destructive = section.locator("tbody tr", { hasText: "Destructive" });
    await expect(destructive.locator(".line-through", { hasText: "s3:DeleteBucket" })).toBeVisible();
    await shot(page, "vendor-guardrails");
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await shot(page, `vendor-guardrails-${width}`);
      await section.screenshot({ path: `test-results/screenshots/guardrails-section-${width}.png` });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole("link", { name: "legacy-ci" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("legacy-ci");
    await expect(page.getByText(/after guardrails; its own policies allow/)).toBeVisible();
    await expect(page.getByRole("region", { name: "Guardrails" }).locator("tbody tr", { hasText: "DenyCiTeardown" })).toContainText("rds:DeleteDBInstance");
    await shot(page, "role-guardrails");

    await page.goto(`/vendors/${encodeURIComponent("vendor:Snyk")}`);
    await expect(page.getByTestId("blocked-by")).toContainText("blocked by RCP DataPerimeter");
    await expect(page.getByTestId("perimeter-blocked")).toContainText("this vendor cannot assume any of our roles");
    await expect(page.getByTestId("risk-reason")).toContainText("because the data perimeter (RCP DataPerimeter) blocks it from assuming our roles");
    await expect(page.locator("tbody tr", { hasText: "snyk-scanner" }).locator(".risk-badge").first()).toHaveText(/low/i);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await shot(page, `vendor-blocked-${width}`);
    }
  });

  test("role page: policies pretty-printed with the statements behind findings highlighted; hostile names stay text", async ({ page }) => {
    await page.goto("/trusts?q=contractor");
    await page.getByRole("link", { name: "contractor-admin" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("contractor-admin");
    await expect(page.getByText("everything (administrator)")).toBeVisible();
    const highlighted = page.locator("[data-highlighted=true]");
    await expect(highlighted).toHaveCount(2);
    await expect(highlighted.first()).toContainText("lets Initech Consulting assume the role (ExternalId missing)");
    await expect(highlighted.nth(1)).toContainText("grants every action on every resource");
    await shot(page, "role");

    await page.goto("/trusts?q=img");
    const hostile = page.getByRole("link", { name: "<img src=x onerror=alert(1)>" });
    await expect(hostile).toBeVisible();
    await hostile.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("<img src=x onerror=alert(1)>");
    await expect(page.getByText(`"<script>alert('x')</script>"`)).toBeVisible();
    expect(await page.locator("img[src=x]").count()).toBe(0);
    await shot(page, "role-hostile");
  });

  test("action search: exact, wildcard, service and access level, with the granting policy", async ({ page }) => {
    await page.goto("/actions");
    await page.getByLabel("Action, wildcard or service").fill("ec2:TerminateInstances");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("action-summary")).toContainText("1 action match ec2:TerminateInstances");
    await expect(page.locator("tbody")).toContainText("Initech Consulting");
    await expect(page.locator("tbody")).toContainText("arn:aws:iam::aws:policy/AdministratorAccess · statement 0");
    await shot(page, "actions");

    await page.goto("/actions?q=s3:Delete*");
    await expect(page.getByTestId("action-summary")).toContainText(/\d+ actions match s3:Delete\*/);
    await page.goto("/actions?q=logs&level=Read");
    await expect(page.locator("tbody")).toContainText("Datadog");
    await page.goto("/actions?q=not an action");
    await expect(page.locator("main").getByRole("alert")).toContainText("is not an action pattern");
  });

  test("accounts: stale account with its error; account page shows who gets in", async ({ page }) => {
    await page.goto("/accounts");
    await expect(page.locator("tbody tr")).toHaveCount(5);
    await page.goto("/accounts?state=stale");
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expect(page.locator("tbody")).toContainText("AccessDenied");
    await shot(page, "accounts");
    await page.getByRole("link", { name: "210000000004" }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText("The last scan could not read this account");
    await expect(page.locator("tbody").first()).toContainText("Rackspace");
    await shot(page, "account");
  });

  test("IAM users: a vendor-tagged user with a never-used key; assigning a vendor", async ({ page }) => {
    await page.goto("/users");
    const row = page.locator("tbody tr", { hasText: "ci-deployer" });
    await expect(row).toContainText("never used");
    await expect(row).toContainText("Initech Consulting");
    await expect(row).toContainText("by tag");
    await shot(page, "users");
    await row.getByLabel("Vendor for ci-deployer").fill("Globex");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("tbody tr", { hasText: "ci-deployer" })).toContainText("by admin");
    await expect(page.locator("tbody tr", { hasText: "ci-deployer" })).toContainText("Globex");
  });

  test("scans: history and a scan's changes as a diff", async ({ page }) => {
    await page.goto("/scans");
    await expect(page.locator("tbody tr")).toHaveCount(2);
    await shot(page, "scans");
    await page.getByRole("link", { name: "#2", exact: true }).click();
    const diff = page.getByTestId("scan-diff");
    await expect(diff).toContainText("GitHub Actions can now assume 210000000002/legacy-ci");
    // Coloured by what it means for security: a weaker ExternalId is alarming, whatever the diff says.
    const weakened = diff.locator("li").filter({ hasText: "ExternalId required → weak" });
    await expect(weakened).toHaveAttribute("data-tone", "alarm");
    await expect(weakened).toContainText("ExternalId weakened");
    // The most alarming first: nothing good news comes before the last alarm.
    const tones = await diff.locator("li").evaluateAll((items) => items.map((i) => i.getAttribute("data-tone")));
    expect(tones.lastIndexOf("alarm")).toBeLessThan(tones.indexOf("good") === -1 ? Infinity : tones.indexOf("good"));
    // The header's count is the list's.
    const listed = await diff.locator("li").count();
    await expect(page.getByTestId("change-count")).toHaveText(String(listed));
    await page.getByRole("link", { name: /^Access gained/ }).click();
    await expect(page).toHaveURL(/kind=TRUST_ADDED/);
    await expect(diff.locator("li")).toHaveCount(4);
    await expect(page.getByText("failed").first()).toBeVisible();
    // What the scan could not cover is said on it: this organization has no Access Analyzer.
    await page.getByText("1 notice").click();
    await expect(page.getByText(/Access Analyzer: no active organization analyzer in us-east-1/)).toBeVisible();
    await shot(page, "scan");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "scan-390");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test("usable at 390 px: nothing widens the page; tables scroll inside their frame", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ["/", "/vendors", "/trusts", `/vendors/${encodeURIComponent("account:666655554444")}`]) {
      await page.goto(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
    }
    // The risk column stays in view while a trust table scrolls sideways.
    await page.goto("/trusts");
    const risk = page.locator("tbody tr").first().locator(".risk-badge");
    const box = (await risk.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await shot(page, "mobile-vendor");
  });

  test("an unknown account named by the admin becomes a vendor, now and in its history", async ({ page }) => {
    await page.goto("/unknown-accounts");
    await shot(page, "unknown-accounts");
    const row = page.locator("tbody tr", { hasText: "777766665555" });
    await row.getByLabel("Vendor name for 777766665555").fill("Acme Billing Partner");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Acme Billing Partner");
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId("vendor-history")).toContainText("Now attributed to Acme Billing Partner (777766665555)");
    await expect(page.getByTestId("vendor-history")).toContainText("Unknown account 777766665555 named Acme Billing Partner by");
    // The lower risk is the attribution it is, not a silent change.
    await expect(page.getByTestId("vendor-history").locator("li", { hasText: "Risk critical → high" })).toContainText("because the account was named");
    // An attribution, not a scan: the last scan and its changes stay as they were.
    await page.goto("/");
    await expect(page.getByText(/Last scan #2 partial/)).toBeVisible();
    await expect(page.getByTestId("last-changes")).toBeVisible();
    await expect(page.getByTestId("last-changes")).not.toContainText("Acme Billing Partner");
    await page.goto("/scans");
    await expect(page.locator("tbody tr")).toHaveCount(2);
    await page.goto("/unknown-accounts");
    await expect(page.locator("tbody")).not.toContainText("777766665555");
    await page.goto("/vendors?q=Acme Billing");
    await expect(page.locator("tbody tr")).toHaveCount(1);
  });
});

test.describe.serial("scans from the dashboard", () => {
  test("the schedule: a bad expression is refused, a good one saved with its next run", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByTestId("schedule-summary")).toContainText("0 2 * * *");
    await page.getByLabel("Cron expression").fill("every tuesday");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText('"every tuesday" is not a cron expression');
    await page.getByLabel("Cron expression").fill("30 3 * * 1");
    await page.getByLabel("Time zone").fill("Europe/Paris");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Schedule saved.")).toBeVisible();
    await expect(page.getByTestId("schedule-summary")).toContainText("30 3 * * 1");
    await expect(page.getByTestId("schedule-summary")).toContainText("Next run");
    await shot(page, "settings");
  });

  test("Scan now: progress updates live without reloading, then the scan is listed", async ({ page }) => {
    await page.goto("/settings");
    await page.getByRole("button", { name: "Scan now" }).click();
    await expect(page).toHaveURL(/\/scans$/);
    const progress = page.getByTestId("scan-progress");
    await expect(progress).toContainText(/Scan #\d+ running: \d of 5 accounts/);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await expect(progress).toContainText(/running: [1-4] of 5 accounts/, { timeout: 20_000 });
    await shot(page, "scan-progress");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await expect(progress).toBeHidden({ timeout: 60_000 });
    await expect(page.locator("tbody tr").first()).toContainText("succeeded");
    await expect(page.locator("tbody tr").first()).toContainText("manual");
  });
});

test("Cancel stops a running scan: finished accounts kept, the scan ends cancelled", async ({ page }) => {
  await page.goto("/scans");
  await page.getByRole("button", { name: "Scan now" }).click();
  await expect(page.getByTestId("scan-progress")).toBeVisible();
  await page.getByRole("button", { name: /^Cancel scan #\d+$/ }).click();
  await expect(page.getByTestId("scan-progress")).toBeHidden({ timeout: 30_000 });
  await page.reload();
  await expect(page.locator("tbody tr").first()).toContainText("cancelled");
});

test("the audit log names the admin behind each change these tests made", async ({ page }) => {
  for (const [action, target] of [
    ["scan.started", null],
    ["scan.cancelled", "scan #"],
    ["schedule.changed", null],
    ["vendor.mapped", "777766665555"],
    ["iam_user.attributed", "arn:aws:iam::"],
  ] as const) {
    await page.goto(`/audit?action=${action}`);
    const row = page.locator("tbody tr").first();
    await expect(row, action).toContainText("admin@acme.test");
    await expect(row, action).toContainText("success");
    if (target) await expect(row, action).toContainText(target);
  }
  // Scans record who started them.
  await page.goto("/scans");
  await expect(page.locator("tbody")).toContainText("admin@acme.test");
});
