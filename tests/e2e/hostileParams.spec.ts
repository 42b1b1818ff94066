/**
 * Hostile URL parameters never cause a server error: every page and route handler under app/
 * (listed from the directory, as access.spec.ts does), with every parameter any of them reads
 * set to NUL, overlong, `%`, `%00`, bad dates, huge and negative numbers, lone surrogates and
 * bidi controls, and every dynamic segment set to the same, answers with a page, a 400 or a
 * 404 — never a 5xx. A vendor whose name holds `%` (and markup) has a working page and
 * downloads its review pack in every format.
 */
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { actionArguments, serverAction } from "./serverActions";

const APP = join(process.cwd(), "app");
/** better-auth's own endpoints are not ours to parse. */
const SKIP = new Set(["/api/auth/[...all]"]);

function routeFiles(dir = APP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    if (entry.name !== "page.tsx" && entry.name !== "route.ts") return [];
    return ["/" + relative(APP, dir).split(sep).filter(Boolean).join("/")];
  });
}

/** Every query parameter a page or route reads (lib/queries/filters.ts, audit, reports, scans, notices). */
const PARAMS = ["q", "party", "actor", "kind", "risk", "finding", "account", "sort", "page", "state", "scope", "level", "attribution", "action", "outcome", "since", "until", "format", "error", "saved", "named", "next"];

/** Values as decoded text (URLSearchParams encodes them: NUL travels as %00, "%00" as %2500). */
const HOSTILE_VALUES = ["\u0000", "a\u0000b", "%00", "%", "%zz", "x".repeat(4000), "0001-01-01", "9999-12-31", "+275760-09-13", "99999999999999999999", "2147483648", "-1", "0", "1e308", "\ud800", "😀".repeat(120), "\u202egnp.exe", "Ω≈ç√∫", "'; drop table trust; --", "\r\n"];

/** Raw (already percent-encoded) values for dynamic segments. */
const HOSTILE_SEGMENTS = ["%00", "a%00b", "%", "%25", "%zz", "%ED%A0%80", "x".repeat(3000), "99999999999999999999", "2147483648", "-1", "0", "1e3", "%F0%9F%98%80", "%E2%80%AE", "vendor%3A%00", "vendor%3A100%25", "account%3A999999999999"];

const routes = routeFiles().filter((r) => !SKIP.has(r));

function urls(route: string): string[] {
  const dynamic = /\[(\w+)\]/;
  const concrete = route.replace(/\[party\]/g, "vendor%3ADatadog").replace(/\[id\]/g, route.startsWith("/accounts") ? "210000000002" : "1");
  const list: string[] = [];
  for (const value of HOSTILE_VALUES) {
    const query = new URLSearchParams(PARAMS.map((p) => [p, value]));
    list.push(`${concrete}?${query}`);
  }
  if (dynamic.test(route)) for (const segment of HOSTILE_SEGMENTS) list.push(route.replace(/\[\w+\]/g, segment));
  return list;
}

async function expectNoServerError(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  expect(response.status(), url.slice(0, 300)).toBeLessThan(500);
  return response;
}

test("every page and route answers hostile parameters without a server error", async ({ page }) => {
  test.setTimeout(600_000);
  expect(routes.length).toBeGreaterThan(25);
  for (const route of routes) for (const url of urls(route)) await expectNoServerError(page.request, url);
});

test("ids past PostgreSQL's integer range and out-of-range report dates are refused, not failed", async ({ page }) => {
  for (const path of ["/roles/99999999999", "/roles/2147483648", "/scans/99999999999", "/scans/2147483648/changes.csv", "/vendors/vendor%3A50%"]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  for (const path of ["/reports/summary.pdf?until=0001-01-01", "/reports/summary.pdf?since=0001-01-01", `/vendors/${encodeURIComponent("vendor:Datadog")}/report?format=pdf&until=0001-01-01`]) {
    expect((await page.request.get(path)).status(), path).toBe(400);
  }
  expect((await page.request.get("/reports?until=0001-01-01")).status()).toBe(200);
  expect((await page.request.get("/trusts?q=%00&party=%00")).status()).toBe(200);
});

test("a vendor named with % and markup has its page and its review pack in every format", async ({ page, baseURL }) => {
  const account = "888877776666";
  const hostile = "100% <b>Pure</b> & Co %41 %zz";
  const name = async (vendor: string) => {
    const action = serverAction("app/serverActions.ts#nameUnknownAccount");
    const response = await page.request.post("/unknown-accounts", {
      headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: baseURL! },
      multipart: actionArguments({ accountId: account, name: vendor }),
      maxRedirects: 0,
    });
    expect(response.status(), await response.text()).toBeLessThan(400);
    // A refused input also answers 200, redirecting back with ?error=: the name must have been saved.
    expect(response.headers()["x-action-redirect"], "redirect after naming").toMatch(/^\/vendors\/vendor%3A/);
  };
  await name(hostile);
  try {
    const path = `/vendors/${encodeURIComponent(`vendor:${hostile}`)}`;
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(hostile);
    for (const format of ["pdf", "csv", "json"]) {
      const link = page.getByTestId("downloads").getByRole("link", { name: format.toUpperCase(), exact: true });
      const href = await link.getAttribute("href");
      const response = await page.request.get(href!);
      expect(response.status(), `${format}: ${href}`).toBe(200);
      const body = await response.body();
      expect(body.length, format).toBeGreaterThan(50);
      if (format === "json") expect(JSON.parse(body.toString("utf8")).review.vendor).toBe(hostile);
      if (format === "csv") expect(body.toString("utf8")).toContain(account);
    }
  } finally {
    await name("Initech Consulting");
  }
});
