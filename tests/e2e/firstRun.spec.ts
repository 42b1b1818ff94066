/**
 * What a newcomer does: `npm start` on a fresh install without AWS configuration or a database
 * server. It prepares the embedded database, creates the first admin and says how to sign in,
 * loads the demo organization, and serves it; a second start reuses the data.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 3;
const BASE = `http://127.0.0.1:${PORT}`;
const dataRoot = join(process.cwd(), "test-results", "first-run");

test.use({ storageState: { cookies: [], origins: [] } });
test.setTimeout(300_000);

const running = new Set<ChildProcess>();
test.afterEach(() => {
  for (const child of running) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  running.clear();
});

interface Started {
  child: ChildProcess;
  output: () => string;
}

/** `npm start` as a newcomer runs it: no AWS settings (and no ~/.aws), no DATABASE_URL. */
function npmStart(): Promise<Started> {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), "vs-home-")), PORT: String(PORT), VENDORSCOPE_DATA_DIR: join(dataRoot, "pglite"), VENDORSCOPE_SCHEDULER: "off" };
  // Its own process group, so that stopping it stops the server it starts too.
  const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: process.cwd(), env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  running.add(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += String(chunk)));
  child.stderr!.on("data", (chunk) => (output += String(chunk)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 240_000);
    child.once("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    const poll = setInterval(() => {
      if (!output.includes("Vendorscope is running at")) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ child, output: () => output });
    }, 200);
  });
}

async function stop({ child }: Started): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGTERM");
  await exited;
  running.delete(child);
}

test("npm start on a fresh install serves the demo organization, and a second start reuses it", async ({ page }) => {
  rmSync(dataRoot, { recursive: true, force: true });
  const first = await npmStart();
  const signIn = /Sign in as (\S+) with password (\S+) /.exec(first.output());
  expect(signIn, first.output()).not.toBeNull();
  expect(first.output()).toMatch(/Loaded the demo organization: \d+ accounts, 3 scans/);
  expect(first.output()).toContain(`Vendorscope is running at http://localhost:${PORT}`);

  await page.goto(`${BASE}/`);
  await page.getByLabel("Email", { exact: true }).fill(signIn![1]!);
  await page.getByLabel("Password", { exact: true }).fill(signIn![2]!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("demo-banner")).toContainText("Demo data");
  await expect(page.getByTestId("trend-chart").locator("svg path.recharts-curve").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/demo-overview.png", fullPage: true });

  await page.goto(`${BASE}/vendors`);
  const vendors = page.locator("tbody tr");
  expect(await vendors.count()).toBeGreaterThanOrEqual(15);
  await vendors.first().getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("vendor-history")).toBeVisible();
  const scans = await (await page.request.get(`${BASE}/scans/export.csv`)).text();
  expect(scans.trim().split("\r\n")).toHaveLength(4);

  // The CISO's 30 seconds on the demo: risk explained where it is shown.
  // Cyberdyne MDR is high through privilege escalation, none of the old "headline" findings.
  await page.goto(`${BASE}/vendors?q=Cyberdyne`);
  const cyberdyne = page.locator("tbody tr", { hasText: "Cyberdyne MDR" });
  await expect(cyberdyne.locator(".risk-badge")).toHaveText("high");
  await expect(cyberdyne.locator(".finding-badge").first()).toHaveText("priv. escalation");
  // OscorpDeploy got AdministratorAccess in the last scan: an alarming change, not a neutral diff line.
  await page.goto(`${BASE}/scans/3`);
  const adminRaised = page.getByTestId("scan-diff").locator("li", { hasText: 'New finding "Full administrator"' }).first();
  await expect(adminRaised).toHaveAttribute("data-tone", "alarm");
  await expect(adminRaised).toContainText("Finding raised");
  // Resource grants: the worst first, filterable, downloadable, and on the vendor's page with its history.
  await page.goto(`${BASE}/resources`);
  const grants = page.locator("tbody tr");
  await expect(grants).toHaveCount(8);
  await expect(grants.first().locator(".risk-badge")).toHaveText("critical");
  await expect(page.locator("tbody tr", { hasText: "meridian-payments-statements" }).locator(".finding-badge").first()).toHaveText("anyone");
  await page.screenshot({ path: "test-results/screenshots/demo-resources.png", fullPage: true });
  await page.goto(`${BASE}/resources?service=kms`);
  await expect(grants).toHaveCount(1);
  await expect(grants.first()).toContainText("kms:ViaService");
  // A kind Vendorscope does not read itself, known from the organization's Access Analyzer, and said so.
  await page.goto(`${BASE}/resources?service=dynamodb`);
  await expect(grants).toHaveCount(1);
  await expect(grants.first()).toContainText("DynamoDB table");
  await expect(grants.first()).toContainText("reported by Access Analyzer");
  const s3Csv = (await (await page.request.get(`${BASE}/resources/export.csv?service=s3`)).text()).trim().split("\r\n");
  expect(s3Csv).toHaveLength(3);
  expect(s3Csv[0]).toMatch(/^vendor,account_id,account_name,region,service,resource_arn,principal,/);
  await page.goto(`${BASE}/resources?q=meridian-dw-exports`);
  await grants.first().getByRole("link", { name: "Vandelay Data Warehouse" }).click();
  const section = page.getByRole("region", { name: "Resources it can use" });
  await expect(section.locator("tbody tr")).toHaveCount(3);
  await expect(section).toContainText("meridian-dw-exports");
  await expect(section).toContainText("dw-orders");
  await expect(page.getByTestId("vendor-history").locator("li", { hasText: "meridian-dw-exports" }).first()).toContainText("Resource access widened");
  // Its resource findings are listed once, after its trusts' findings, not inside them.
  await expect(page.getByRole("region", { name: "Findings on its resources" })).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Findings", exact: true }).getByRole("region")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/demo-vendor-resources.png", fullPage: true });
  const vendorPage = page.url();
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: "test-results/screenshots/demo-vendor-resources-390.png", fullPage: true });
  for (const [name, path] of [["overview", "/"], ["resources", "/resources"], ["vendors", "/vendors"], ["actions", "/actions?q=s3%3AGetObject"]] as const) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${BASE}${path}`);
      await page.screenshot({ path: `test-results/screenshots/demo-${name}-${width}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(vendorPage);
  // Naming an unknown account is an attribution: the last scan and its changes stay as they were.
  await page.goto(`${BASE}/`);
  await expect(page.getByText(/Last scan #3/)).toBeVisible();
  const changesBefore = await page.getByTestId("last-changes").textContent();
  await page.goto(`${BASE}/unknown-accounts`);
  const unknownId = (await page.locator("tbody tr").first().locator("a.font-mono").textContent())!.trim();
  await page.getByLabel(`Vendor name for ${unknownId}`).fill("Demo Named Vendor");
  await page.getByLabel(`Vendor name for ${unknownId}`).press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demo Named Vendor");
  await page.goto(`${BASE}/`);
  await expect(page.getByText(/Last scan #3/)).toBeVisible();
  expect(await page.getByTestId("last-changes").textContent()).toBe(changesBefore);
  // No badge breaks inside a word at 1280 px.
  for (const path of ["/", "/vendors", "/trusts", "/resources"]) {
    await page.goto(`${BASE}${path}`);
    const broken = await page.locator(".finding-badge, .risk-badge, span[data-tone]").evaluateAll((items) =>
      items.filter((el) => el.getBoundingClientRect().height > 1.6 * (Number.parseFloat(getComputedStyle(el).lineHeight) || 16)).map((el) => el.textContent),
    );
    expect(broken, path).toEqual([]);
  }
  const scansAfter = await (await page.request.get(`${BASE}/scans/export.csv`)).text();
  expect(scansAfter).toBe(scans);
  await stop(first);

  const second = await npmStart();
  expect(second.output()).not.toContain("Loaded the demo organization");
  expect(second.output()).not.toContain("Sign in as");
  // The session outlived the restart: it is in the database, signed with the kept secret.
  await page.goto(`${BASE}/scans`);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  expect(await (await page.request.get(`${BASE}/scans/export.csv`)).text()).toBe(scans);
  await stop(second);
});
