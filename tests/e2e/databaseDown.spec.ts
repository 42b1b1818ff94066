const ADMIN = { email: "admin@down.test", password: "admin-password-for-tests" };

/**
 * With the database down, every page — the sign-in page too — shows our error page saying the
 * database is unavailable and that it retries, without internal details; once the database is
 * back the page comes back by itself. The server here is the built app on a PostgreSQL
 * database reached through a TCP relay this test can cut (its own port, chosen by the system).
 */
import type { ChildProcess } from "node:child_process";
import { createServer, connect, type Server, type Socket } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { ensureFirstAdmin } from "@/lib/auth/localUsers";
import { openDatabase } from "@/lib/db/client";
import { createPostgresDatabase } from "@/testkit/database";
import { freePort } from "@/testkit/net";
import { startProductionServer } from "./productionServer";
import { signIn } from "./users";

const UPSTREAM = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test");

/** A relay to the PostgreSQL server that can be taken down (closing every connection) and brought back. */
function databaseRelay(port: number) {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(UPSTREAM.port || 5432), UPSTREAM.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", resolve);
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  return { up, down };
}

let app: ChildProcess;
let base: string;
let relay: ReturnType<typeof databaseRelay>;
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;

test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  database = await createPostgresDatabase();
  const prepared = await openDatabase({ url: database.url }); // migrated, with an admin
  await ensureFirstAdmin(prepared.prisma, { VENDORSCOPE_ADMIN_EMAIL: ADMIN.email, VENDORSCOPE_ADMIN_PASSWORD: ADMIN.password });
  await prepared.close();
  const relayPort = await freePort();
  relay = databaseRelay(relayPort);
  await relay.up();
  await relay.down(); // the server starts without its database
  const url = new URL(database.url);
  url.hostname = "127.0.0.1";
  url.port = String(relayPort);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = startProductionServer(port, url.toString());
  for (let attempt = 0; ; attempt++) {
    const status = await fetch(`${base}/api/health`).then((r) => r.status, () => 0);
    if (status === 503) break;
    if (attempt > 300) throw new Error(`the server on ${base} did not come up (last status ${status})`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(async () => {
  app?.kill("SIGTERM");
  await relay?.down();
  await database?.drop();
});

async function expectUnavailablePage(page: Page, path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  await expect(page.getByRole("alert").getByRole("heading", { name: "Database unavailable, retrying" }), path).toBeVisible();
  const text = await page.locator("body").innerText();
  expect(text, path).not.toMatch(/ECONNREFUSED|ECONNRESET|127\.0\.0\.1|postgres|prisma|at \w+ \(|Application error/i);
}

test("says the database is unavailable and retries, on the sign-in page and signed in, then comes back by itself", async ({ page }) => {
  // Down since the server started: even the sign-in page cannot be shown.
  expect(await (await page.request.get(`${base}/api/health`)).json()).toEqual({ database: "unavailable" });
  await expectUnavailablePage(page, "/login");
  await page.screenshot({ path: "test-results/screenshots/database-unavailable.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 800 });
  await page.screenshot({ path: "test-results/screenshots/database-unavailable-390.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  await relay.up();
  // No click: the page notices the database is back and reloads.
  await expect(page.getByRole("heading", { name: "Sign in to Vendorscope" })).toBeVisible({ timeout: 20_000 });
  expect(await (await page.request.get(`${base}/api/health`)).json()).toEqual({ database: "ok" });

  // Signed in, the layout itself reads the database: the same page, for every path.
  await signIn(page, ADMIN, base);
  await relay.down();
  for (const path of ["/", "/scans", "/vendors"]) await expectUnavailablePage(page, path);
  await relay.up();
  await expect(page.getByTestId("signed-in-as")).toBeVisible({ timeout: 20_000 });
});
