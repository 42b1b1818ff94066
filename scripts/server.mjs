#!/usr/bin/env node
// Serves the built dashboard (`next build` first; npm start does both). A custom server only to
// know who is calling: X-Forwarded-For is replaced by the address this server saw, or, when that
// address is a proxy listed in VENDORSCOPE_TRUSTED_PROXIES, by the client address the proxy
// reported. Sign-in rate limits and the audit log read it; a client cannot make it up.
//
// On PostgreSQL it serves from several processes sharing the port (VENDORSCOPE_WEB_PROCESSES,
// default one per core up to 4): rendering is single-threaded, and everything the processes
// share (sessions, rate limits, lockouts, the audit log, scans) is in the database. The first
// process starts alone and is the only one that runs the schedule; a process that dies is
// replaced. The embedded database belongs to one process, so PGlite is served by one.
import cluster from "node:cluster";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { clientAddress } from "./clientAddress.mjs";
import { webProcesses } from "./webProcesses.mjs";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";

let processes;
try {
  processes = webProcesses(process.env);
} catch (error) {
  console.error(`vendorscope server: ${error.message}`);
  process.exit(2);
}

if (cluster.isPrimary && processes > 1) await supervise(processes);
else await serve();

async function serve() {
  const { default: next } = await import("next");
  const root = fileURLToPath(new URL("..", import.meta.url));
  const trustedProxies = new Set((process.env.VENDORSCOPE_TRUSTED_PROXIES ?? "").split(",").map((p) => p.trim()).filter(Boolean));
  const app = next({ dev: false, dir: root, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    req.headers["x-forwarded-for"] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
    handle(req, res);
  });
  server.listen(port, hostname, () => {
    if (cluster.isPrimary) console.log(`Ready: listening on http://${hostname}:${port}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      server.close();
      process.exit(0);
    });
  }
}

async function supervise(count) {
  let stopping = false;
  /** Starts a web process; resolves once it listens, rejects if it exits before. */
  const start = (env) =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork(env);
      const started = Date.now();
      let listening = false;
      worker.once("listening", () => {
        listening = true;
        resolve(worker);
      });
      worker.once("exit", (code, signal) => {
        if (!listening) reject(new Error(`a web process exited with ${signal ?? code} before it listened`));
        // A signal to the whole process group reaches the web processes too: let this process
        // handle it first, then decide.
        setTimeout(() => {
          if (stopping) return;
          console.error(`vendorscope server: a web process exited with ${signal ?? code}; starting another`);
          replace(env, Date.now() - started < 10_000);
        }, 200);
      });
    });
  let delay = 0;
  /** Replaces a dead web process; one that died young is retried later and later (up to 30 s). */
  const replace = (env, diedYoung) => {
    delay = diedYoung ? Math.min(Math.max(delay * 2, 1000), 30_000) : 0;
    setTimeout(() => {
      if (stopping) return;
      start(env).catch((error) => console.error(`vendorscope server: ${error.message}`));
    }, delay);
  };
  const stopAll = async (code) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter(Boolean);
    const exited = workers.map((worker) => new Promise((resolve) => (worker.isDead() ? resolve() : worker.once("exit", resolve))));
    for (const worker of workers) worker.process.kill("SIGTERM");
    await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void stopAll(0));
  try {
    // The first alone: it migrates, creates the first admin and runs the schedule.
    await start({});
    await Promise.all(Array.from({ length: count - 1 }, () => start({ VENDORSCOPE_SCHEDULER: "off" })));
  } catch (error) {
    console.error(`vendorscope server: ${error.message}`);
    await stopAll(1);
  }
  console.log(`Ready: listening on http://${hostname}:${port} (${count} processes)`);
}
