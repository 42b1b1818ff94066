/**
 * Every page, route handler and server action of the build refuses a request without a session,
 * and the admin-only ones refuse a viewer. The lists come from app/ and from the build's server
 * action manifest, so a new route or action is checked the moment it exists; only the
 * exceptions below are spelled out.
 */
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, test } from "@playwright/test";
import { callAction, serverAction, serverActions } from "./serverActions";
import { STATE } from "./users";

const APP = join(process.cwd(), "app");
/** Reachable without signing in: the sign-in page, better-auth's endpoints, and the health check (it says only whether the database answers). */
const PUBLIC = new Set(["/login", "/api/auth/[...all]", "/api/health"]);
/** Only admins: pages and routes. */
const ADMIN_ONLY = new Set(["/settings/users", "/audit", "/audit/export.csv", "/setup"]);
/** Server actions any signed-in user may call. */
const ANY_USER_ACTIONS = new Set(["app/authServerActions.ts#signOut"]);

function routeFiles(dir = APP): { route: string; kind: "page" | "route" }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    const kind = entry.name === "page.tsx" ? "page" : entry.name === "route.ts" ? "route" : null;
    if (!kind) return [];
    const route = "/" + relative(APP, dir).split(sep).filter(Boolean).join("/");
    return [{ route, kind }];
  });
}

/** A concrete URL for a route: dynamic segments get a plausible value (refusal comes before lookup). */
const urlOf = (route: string) => route.replace(/\[\.\.\.\w+\]/g, "session").replace(/\[party\]/g, "vendor%3AGitHub").replace(/\[id\]/g, "1");

const routes = routeFiles();

test.describe("every page and route", () => {
  test("the list is what the app has", () => {
    expect(routes.length).toBeGreaterThan(25);
    for (const r of [...PUBLIC, ...ADMIN_ONLY]) expect(routes.map((x) => x.route)).toContain(r);
  });

  test("refuses anonymous requests: pages send to sign-in, routes answer 401", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    for (const { route, kind } of routes) {
      if (PUBLIC.has(route)) continue;
      const response = await anonymous.get(urlOf(route), { maxRedirects: 0 });
      if (kind === "page") {
        expect(response.status(), route).toBe(307);
        expect(response.headers().location, route).toMatch(/^\/login\?next=/);
      } else {
        expect(response.status(), route).toBe(401);
      }
      expect(await response.text(), route).not.toMatch(/210000000002|legacy-ci|arn:aws/);
    }
    await anonymous.dispose();
  });

  test("refuses a viewer where admin is required, and lets the viewer read the rest", async ({ playwright, baseURL }) => {
    const viewer = await playwright.request.newContext({ baseURL, storageState: STATE.viewer });
    for (const { route } of routes) {
      if (PUBLIC.has(route)) continue;
      const response = await viewer.get(urlOf(route), { maxRedirects: 0 });
      if (ADMIN_ONLY.has(route)) expect(response.status(), route).toBe(403);
      else expect([200, 404], route).toContain(response.status());
    }
    await viewer.dispose();
  });
});

test.describe("every server action", () => {
  test("refuses anonymous calls (401) and a viewer's calls to admin actions (403), and changes nothing", async ({ playwright, baseURL }) => {
    const actions = serverActions();
    expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(["app/serverActions.ts#scanNow", "app/settings/users/serverActions.ts#createUser"]));
    const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const viewer = await playwright.request.newContext({ baseURL, storageState: STATE.viewer });
    const scansBefore = await (await viewer.get("/scans/export.csv")).text();
    for (const action of actions) {
      if (ANY_USER_ACTIONS.has(action.name)) continue;
      expect((await callAction(anonymous, action, baseURL!)).status(), `${action.name} anonymous`).toBe(401);
      expect((await callAction(viewer, action, baseURL!)).status(), `${action.name} as viewer`).toBe(403);
    }
    expect(await (await viewer.get("/scans/export.csv")).text()).toBe(scansBefore);
    expect(await (await viewer.get("/vendors/export.csv?q=Evil")).text()).not.toContain("Evil Corp");
    await anonymous.dispose();
    await viewer.dispose();
  });

  test("refuses an admin's call without an Origin, or from another site (CSRF)", async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL, storageState: STATE.admin });
    const scanNow = serverAction("app/serverActions.ts#scanNow");
    const scansBefore = await (await admin.get("/scans/export.csv")).text();
    expect((await callAction(admin, scanNow, null)).status()).toBe(403);
    expect((await callAction(admin, scanNow, "https://evil.example")).status()).toBeGreaterThanOrEqual(400);
    expect(await (await admin.get("/scans/export.csv")).text()).toBe(scansBefore);
    await admin.dispose();
  });
});
