/**
 * On PostgreSQL the dashboard is served by several processes sharing one port
 * (VENDORSCOPE_WEB_PROCESSES): a session started on one is honoured by all, a process that dies
 * is replaced while the others go on answering, and stopping the server stops them all. The
 * embedded database refuses more than one process with a clear message.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { ensureFirstAdmin } from "@/lib/auth/localUsers";
import { openDatabase } from "@/lib/db/client";
import { createPostgresDatabase } from "@/testkit/database";
import { freePort } from "@/testkit/net";
import { startProductionServer } from "./productionServer";

const root = new URL("../../", import.meta.url).pathname;
const ADMIN = { email: "admin@processes.test", password: "admin-password-for-tests" };

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let app: ChildProcess;
let base: string;
const output: string[] = [];

/** The pids of the server's web processes (its children). */
function webProcessIds(): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(app.pid)], { encoding: "utf8" }).split("\n").map(Number).filter(Boolean);
  } catch {
    return []; // ps exits 1 when there is none
  }
}

test.beforeAll(async () => {
  database = await createPostgresDatabase();
  const prepared = await openDatabase({ url: database.url });
  await ensureFirstAdmin(prepared.prisma, { VENDORSCOPE_ADMIN_EMAIL: ADMIN.email, VENDORSCOPE_ADMIN_PASSWORD: ADMIN.password });
  await prepared.close();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = startProductionServer(port, database.url, { env: { VENDORSCOPE_DATA_DIR: "", VENDORSCOPE_WEB_PROCESSES: "2" }, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [app.stdout!, app.stderr!]) stream.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  await expect.poll(() => output.join(""), { timeout: 120_000 }).toContain(`Ready: listening on ${base} (2 processes)`);
});

test.afterAll(async () => {
  app?.kill("SIGKILL");
  for (const pid of webProcessIds()) process.kill(pid, "SIGKILL");
  await database?.drop();
});

test("two processes share the port and the sessions; a dead or stopped one is replaced; SIGTERM to the server stops them all", async ({ request }) => {
  test.setTimeout(180_000);
  expect(webProcessIds()).toHaveLength(2);
  const signIn = await request.post(`${base}/api/auth/sign-in/email`, { headers: { Origin: base }, data: ADMIN });
  expect(signIn.status()).toBe(200);
  // Connections are dealt to the processes in turn: every one of them knows the session.
  for (let i = 0; i < 8; i++) {
    const response = await fetch(`${base}/scans`, { headers: { cookie: (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ") }, redirect: "manual" });
    expect(response.status, `request ${i}`).toBe(200);
  }

  const [victim] = webProcessIds();
  process.kill(victim!, "SIGKILL");
  await expect.poll(() => output.join(""), { timeout: 30_000 }).toContain("a web process exited with SIGKILL; starting another");
  await expect.poll(() => (webProcessIds().includes(victim!) ? [] : webProcessIds()).length, { timeout: 120_000 }).toBe(2);
  for (let i = 0; i < 4; i++) expect((await fetch(`${base}/api/health`)).status).toBe(200);
  // One told to stop on its own (not the whole server) is replaced too.
  const [stopped] = webProcessIds();
  process.kill(stopped!, "SIGTERM");
  await expect.poll(() => output.join(""), { timeout: 30_000 }).toContain("a web process exited with 0; starting another");
  await expect.poll(() => (webProcessIds().includes(stopped!) ? [] : webProcessIds()).length, { timeout: 120_000 }).toBe(2);

  const processes = webProcessIds();
  const exited = new Promise<number | null>((resolve) => app.once("exit", resolve));
  app.kill("SIGTERM");
  expect(await exited).toBe(0);
  await expect.poll(() => processes.filter((pid) => isAlive(pid)), { timeout: 15_000 }).toEqual([]);
});

test("the embedded database is served by one process: asking for more is refused with the reason", async () => {
  const result = spawn(process.execPath, ["scripts/server.mjs"], { cwd: root, env: { ...process.env, DATABASE_URL: "", VENDORSCOPE_WEB_PROCESSES: "3" }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  result.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => result.once("exit", resolve));
  expect(code).toBe(2);
  expect(stderr).toBe("vendorscope server: VENDORSCOPE_WEB_PROCESSES=3 needs PostgreSQL (DATABASE_URL): the embedded database is served by one process\n");
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
