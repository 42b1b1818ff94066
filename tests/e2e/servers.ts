/**
 * The browser tests' servers (Playwright's webServer command): builds the app, fills a fresh
 * embedded database with two real scans of the fixture organization (seed.ts), and serves it
 * on E2E_PORT; a second server on E2E_PORT + 1 runs on an empty database, for empty states.
 */
import "@/testkit/fakeAws/sdkTestEnv";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { loadFixtureDirectory, startFakeAws } from "@/testkit/fakeAws";
import { ACME, guardrails, today } from "./seed";
import { OIDC_CLIENT, startOidcIssuer } from "./oidcIssuer";
import { ADMIN, LOCKOUT_ATTEMPTS } from "./users";

const root = new URL("../../", import.meta.url).pathname;
const next = join(root, "node_modules/next/dist/bin/next");
const server = join(root, "scripts/server.mjs");
const port = Number(process.env.E2E_PORT ?? 3100);
const dataRoot = join(root, "test-results", "e2e-db");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "", VENDORSCOPE_SCHEDULER: "off" };

rmSync(dataRoot, { recursive: true, force: true });
const seeded = spawnSync(process.execPath, ["--import", "tsx", join(root, "tests/e2e/seed.ts")], { env: { ...env, VENDORSCOPE_DATA_DIR: join(dataRoot, "seeded") }, stdio: "inherit" });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);
const built = spawnSync(process.execPath, [next, "build"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
if (built.status !== 0) process.exit(built.status ?? 1);

const children: ChildProcess[] = [];
function serve(onPort: number, dataDir: string, extraEnv: Record<string, string> = {}): Promise<void> {
  // An empty value in extraEnv means "unset".
  const served = { PORT: String(onPort), HOST: "127.0.0.1", VENDORSCOPE_URL: `http://127.0.0.1:${onPort}`, NODE_ENV: "production" };
  const childEnv = Object.fromEntries(Object.entries({ ...env, ...extraEnv, ...served, VENDORSCOPE_DATA_DIR: dataDir }).filter(([, v]) => v !== "")) as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [server], { cwd: root, env: childEnv, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`next start on ${onPort} exited with ${code}`)));
    const poll = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${onPort}/`)).status < 500) return resolve();
      } catch {
        // not listening yet
      }
      setTimeout(poll, 200);
    };
    void poll();
  });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill("SIGTERM");
    process.exit(0);
  });
}
// "Scan now" on the seeded server scans the fixture organization through a slow fake AWS,
// one account at a time, so its progress can be watched.
const fake = await startFakeAws({ organization: today(guardrails((await loadFixtureDirectory(ACME)).organization!)), faults: { latencyMs: 700 } });
// The empty server creates its first admin from the environment, as a fresh install does.
await serve(port + 1, join(dataRoot, "empty"), { VENDORSCOPE_ADMIN_EMAIL: ADMIN.email, VENDORSCOPE_ADMIN_PASSWORD: ADMIN.password });
// Single sign-on against a real OIDC issuer on PORT + 2.
const oidc = await startOidcIssuer(port + 2, `http://127.0.0.1:${port}`);
await serve(port, join(dataRoot, "seeded"), {
  ...fake.env(),
  VENDORSCOPE_OIDC_ISSUER: oidc.issuer,
  VENDORSCOPE_OIDC_CLIENT_ID: OIDC_CLIENT.id,
  VENDORSCOPE_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
  VENDORSCOPE_OIDC_LABEL: "Sign in with Acme SSO",
  VENDORSCOPE_OIDC_ALLOWED_DOMAINS: "acme.test",
  VENDORSCOPE_OIDC_ADMIN_GROUPS: "secops",
  VENDORSCOPE_CONCURRENCY: "1",
  VENDORSCOPE_AWS_RETRY_BASE_MS: "5",
  VENDORSCOPE_LOCKOUT_ATTEMPTS: String(LOCKOUT_ATTEMPTS),
});
