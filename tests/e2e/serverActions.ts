/** The build's server actions (from its manifest), and calling one the way the browser does. */
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";

export interface ActionEntry {
  id: string;
  /** "app/serverActions.ts#scanNow" */
  name: string;
  /** A page that uses it. */
  page: string;
}

export function serverActions(): ActionEntry[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: `${entry.filename}#${entry.exportedName}`,
    page: "/" + Object.keys(entry.workers)[0]!.replace(/^app\//, "").replace(/\/?page$/, ""),
  }));
}

export function serverAction(name: string): ActionEntry {
  const action = serverActions().find((a) => a.name === name);
  if (!action) throw new Error(`no server action ${name} in the build`);
  return action;
}

const FIELDS = { scanId: "1", accountId: "888877776666", name: "Evil Corp", userId: "x", email: "x@example.com", cron: "* * * * *", role: "admin", password: "long-enough-password" };

/**
 * One FormData argument as React 19.3's encodeReply sends it: the form's fields as `_1_<name>`,
 * then the root `0` = `["$K1"]` (the server reads the fields before the root refers to them;
 * fields it has not seen are missing). A FormData keeps that order, a plain object would not
 * (`"0"` is an integer key, so it always comes first).
 */
export function actionArguments(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
  form.append("0", '["$K1"]');
  return form;
}

/** Its arguments encoded by React (one FormData), with the given Origin header (or none). */
export async function callAction(request: APIRequestContext, action: ActionEntry, origin: string | null) {
  return request.post(action.page.replace(/\[id\]/, "1"), {
    headers: { "Next-Action": action.id, Accept: "text/x-component", ...(origin ? { Origin: origin } : {}) },
    multipart: actionArguments(FIELDS),
    maxRedirects: 0,
  });
}
