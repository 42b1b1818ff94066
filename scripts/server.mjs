#!/usr/bin/env node
// Serves the built dashboard (`next build` first; npm start does both). A custom server only to
// know who is calling: X-Forwarded-For is replaced by the address this server saw, or, when that
// address is a proxy listed in VENDORSCOPE_TRUSTED_PROXIES, by the client address the proxy
// reported. Sign-in rate limits and the audit log read it; a client cannot make it up.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import next from "next";
import { clientAddress } from "./clientAddress.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const trustedProxies = new Set((process.env.VENDORSCOPE_TRUSTED_PROXIES ?? "").split(",").map((p) => p.trim()).filter(Boolean));

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
  handle(req, res);
});
server.listen(port, hostname, () => console.log(`Ready: listening on http://${hostname}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
