/**
 * Signing in and out, what a viewer may not do (in the UI and by posting directly), lockout
 * after repeated failures, security headers, and the audit log of it all.
 */
import { expect, test } from "@playwright/test";
import { callAction, serverAction } from "./serverActions";
import { ADMIN, LOCKOUT_ATTEMPTS, STATE, VIEWER } from "./users";

const nobody = { storageState: { cookies: [], origins: [] } };

test.describe("signed out", () => {
  test.use(nobody);

  test("sign in, browse, sign out", async ({ page }) => {
    await page.goto("/vendors?risk=critical");
    await expect(page).toHaveURL(/\/login\?next=%2Fvendors%3Frisk%3Dcritical$/);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveCount(0);
    await page.getByLabel("Email", { exact: true }).fill(VIEWER.email);
    await page.getByLabel("Password", { exact: true }).fill(VIEWER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/vendors\?risk=critical$/);
    await expect(page.getByTestId("signed-in-as")).toContainText(`${VIEWER.email} viewer`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trusts" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    await expect(page.getByText("You are signed out.")).toBeVisible();
    await page.goto("/trusts");
    await expect(page).toHaveURL(/\/login\?next=%2Ftrusts$/);
  });

  test("a sign-in link cannot send you to another site", async ({ page }) => {
    await page.goto("/login?next=//evil.example/phish");
    await page.getByLabel("Email", { exact: true }).fill(VIEWER.email);
    await page.getByLabel("Password", { exact: true }).fill(VIEWER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  });

  test("no sign-in link sends the browser to another site: tab, newline, backslash, dot segments, absolute URLs", async ({ page, baseURL }) => {
    const ours = new URL(baseURL!).origin;
    const hostile = ["/%09/evil.example/phish", "/%0a/evil.example", "/%0d%0a/evil.example", "/%5Cevil.example", "%2F%2Fevil.example", "/.//evil.example", "https://evil.example/", "javascript:alert(1)"];
    // Signing in (once: sign-ins are rate-limited per address) from the tab variant of the issue…
    await page.goto(`/login?next=${hostile[0]}`);
    await page.getByLabel("Email", { exact: true }).fill(VIEWER.email);
    await page.getByLabel("Password", { exact: true }).fill(VIEWER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    expect(new URL(page.url()).origin).toBe(ours);
    // …and, signed in, every variant: the sign-in page sends a signed-in user straight on.
    for (const next of hostile) {
      await page.goto(`/login?next=${next}`);
      await expect(page.getByTestId("signed-in-as"), next).toBeVisible();
      expect(new URL(page.url()).origin, next).toBe(ours);
    }
  });

  test("the sign-in page shows only its own messages for error codes, never the link's text", async ({ page }) => {
    await page.goto(`/login?error=${encodeURIComponent("Your account is suspended. Call +1-555-0100")}`);
    // (Next's route announcer is an alert too: ours is the paragraph.)
    const alert = page.locator('p[role="alert"]');
    await expect(alert).toHaveText("Single sign-on failed. Try again, or ask an admin.");
    await expect(page.getByText("555-0100")).toHaveCount(0);
    await page.goto("/login?error=access_denied");
    await expect(alert).toHaveText("The single sign-on provider refused the sign-in.");
  });

  test(`${LOCKOUT_ATTEMPTS} wrong passwords lock the email, even for the right password; an admin unlocks it`, async ({ page, browser }) => {
    // A user of its own, created by the admin through the Users page.
    const user = { email: "lock-me@acme.test", password: "the-right-password-1" };
    const admin = await browser.newContext({ storageState: STATE.admin });
    const adminPage = await admin.newPage();
    await adminPage.goto("/settings/users");
    const add = adminPage.locator("form", { hasText: "Add user" });
    await add.getByLabel("Email").fill(user.email);
    await add.getByLabel("Name").fill("Lock Me");
    await add.getByLabel(/First password/).fill(user.password);
    await add.getByRole("button", { name: "Add user" }).click();
    await expect(adminPage.getByText("Saved.")).toBeVisible();
    await expect(adminPage.locator("tbody")).toContainText(user.email);

    await page.goto("/login");
    const attempt = async (password: string) => {
      await page.getByLabel("Email", { exact: true }).fill(user.email);
      await page.getByLabel("Password", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
    };
    for (let i = 0; i < LOCKOUT_ATTEMPTS; i++) {
      await attempt(`wrong-password-${i}`);
      await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
    }
    await attempt(user.password);
    await expect(page.getByTestId("sign-in-error")).toContainText("this account is locked until");
    await expect(page).toHaveURL(/\/login$/);

    // An email nobody has locks the same way: the lockout says nothing about which accounts exist.
    await page.getByLabel("Email", { exact: true }).fill("nobody-here@acme.test");
    for (let i = 0; i <= LOCKOUT_ATTEMPTS; i++) await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("sign-in-error")).toContainText("this account is locked until");

    await adminPage.goto("/settings/users");
    const locked = adminPage.locator("li", { hasText: user.email });
    await expect(locked).toContainText(`failures, locked until`);
    await locked.getByRole("button", { name: "Unlock" }).click();
    await expect(adminPage.getByText("Saved.")).toBeVisible();

    await attempt(user.password);
    await expect(page.getByTestId("signed-in-as")).toContainText(user.email);
    await admin.close();
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: STATE.viewer });

  test("can read and download, but cannot start a scan: no button, and a direct POST is refused", async ({ page, baseURL }) => {
    await page.goto("/scans");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Scans");
    await expect(page.getByRole("button", { name: "Scan now" })).toHaveCount(0);
    await page.goto("/settings");
    await expect(page.getByRole("button", { name: "Scan now" })).toHaveCount(0);
    await expect(page.getByText("Admins can start a scan here.")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);

    const before = await (await page.request.get("/scans/export.csv")).text();
    const refused = await callAction(page.request, serverAction("app/serverActions.ts#scanNow"), baseURL!);
    expect(refused.status()).toBe(403);
    expect(await (await page.request.get("/scans/export.csv")).text()).toBe(before);

    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  });
});

test("pages carry a nonce-based Content-Security-Policy and the other security headers", async ({ page }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // Every script the server sends carries this response's nonce (scripts those load may follow: 'strict-dynamic').
  const html = await page.request.get("/");
  const htmlNonce = /'nonce-([^']+)'/.exec(html.headers()["content-security-policy"]!)![1];
  expect(htmlNonce).not.toBe(/'nonce-([^']+)'/.exec(csp)![1]);
  const scripts = (await html.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${htmlNonce}"`);
  // The session cookie is out of reach of scripts and of other sites' requests.
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("session_token"))!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
});

test("the audit log records sign-ins, lockouts, user changes, refusals and downloads, and exports them", async ({ page }) => {
  await page.request.get("/vendors/export.csv?risk=critical");
  await page.goto("/audit");
  const table = page.locator("tbody");
  for (const label of ["Sign-in", "Sign-out", "Account locked", "User created", "User changed", "Report downloaded", "Access denied"]) {
    await expect(table.getByRole("cell", { name: label, exact: true }).first(), label).toBeVisible();
  }
  await expect(table.locator("tr", { hasText: "Sign-in" }).filter({ hasText: "failure" }).filter({ hasText: "lock-me@acme.test" }).filter({ hasText: "Invalid email or password" })).toHaveCount(LOCKOUT_ATTEMPTS);
  await expect(table.locator("tr", { hasText: "Report downloaded" }).first()).toContainText("/vendors/export.csv?risk=critical");
  await expect(table.locator("tr", { hasText: "Report downloaded" }).first()).toContainText(ADMIN.email);
  await expect(table.locator("tr", { hasText: "Sign-in" }).first()).toContainText("127.0.0.1");

  await page.goto("/audit?action=auth.locked");
  await expect(page.locator("tbody tr")).toHaveCount(2);
  const csv = await (await page.request.get("/audit/export.csv?action=auth.locked")).text();
  expect(csv.split("\r\n")[0]).toBe("Time (UTC),Action,Outcome,Actor,From,User agent,Target,Details");
  expect(csv).toContain("lock-me@acme.test");
  expect(csv).toContain("nobody-here@acme.test");
});

test.describe("single sign-on (OIDC)", () => {
  test.use(nobody);

  async function signInWithSso(page: import("@playwright/test").Page, email: string) {
    await page.goto("/login?next=/vendors");
    await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
    // The issuer's own sign-in form, then its consent screen.
    await page.locator('input[name="login"]').fill(email);
    await page.locator('input[name="password"]').fill("any");
    await page.locator('button[type="submit"]').click();
    const consent = page.locator('button[autofocus], button[type="submit"]').first();
    if (await page.getByText(/Authorize|consent/i).first().isVisible().catch(() => false)) await consent.click();
  }

  test("an allowed domain signs in as a viewer; the issuer's admin group makes an admin", async ({ page, browser }) => {
    await signInWithSso(page, "carol@acme.test");
    await expect(page).toHaveURL(/\/vendors$/);
    await expect(page.getByTestId("signed-in-as")).toContainText("carol@acme.test viewer");

    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const adminPage = await other.newPage();
    await signInWithSso(adminPage, "sec-sam@acme.test");
    await expect(adminPage.getByTestId("signed-in-as")).toContainText("sec-sam@acme.test admin");
    await adminPage.goto("/settings/users");
    await expect(adminPage.locator("tr", { hasText: "carol@acme.test" })).toContainText("single sign-on");
    await other.close();
  });

  test("an email outside the allow-list is refused, and the refusal is audited", async ({ page, browser }) => {
    await signInWithSso(page, "mallory@evil.example");
    await expect(page).toHaveURL(/\/login\?error=/);
    await expect(page.getByRole("alert").filter({ hasText: /single sign-on/i })).toBeVisible();
    await page.goto("/vendors");
    await expect(page).toHaveURL(/\/login/);
    const admin = await browser.newContext({ storageState: STATE.admin });
    const audit = await admin.newPage();
    await audit.goto("/audit?action=auth.sign_in&outcome=failure");
    await expect(audit.locator("tbody")).toContainText("oidc");
    await admin.close();
  });
});
