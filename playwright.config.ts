import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// Debian's Chromium where installed (CI installs it with apt); Playwright's own browser otherwise.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  // Sign in once as the admin and the viewer (auth.setup.ts); tests run as the admin unless they say otherwise.
  projects: [
    { name: "sign-in", testMatch: /auth\.setup\.ts/ },
    { name: "dashboard", dependencies: ["sign-in"], use: { storageState: "test-results/e2e/.auth/admin.json" } },
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // Builds, seeds a database with real scans of the fixture organization, serves it on PORT
  // and an empty one on PORT + 1 (tests/e2e/servers.ts).
  webServer: {
    command: "node --import tsx tests/e2e/servers.ts",
    url: `http://127.0.0.1:${PORT}`,
    timeout: 300_000,
    reuseExistingServer: false,
    env: { NEXT_TELEMETRY_DISABLED: "1", E2E_PORT: String(PORT) },
    stdout: "pipe",
    stderr: "pipe",
  },
});
