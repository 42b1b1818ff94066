/** The web server's auth instance: one per process, on the server's database. */
import { serverDatabase } from "../db/server";
import { createAuth, type Auth } from "./auth";
import { readAuthSettings, type AuthSettings } from "./authSettings";

const KEY = Symbol.for("vendorscope.auth");
type Holder = { [KEY]?: Promise<{ auth: Auth; settings: AuthSettings }> };

export function serverAuth(): Promise<{ auth: Auth; settings: AuthSettings }> {
  const holder = globalThis as Holder;
  holder[KEY] ??= serverDatabase()
    .then((db) => {
      const settings = readAuthSettings();
      if (settings.oidcProblem) console.error(`auth: ${settings.oidcProblem}`);
      return { auth: createAuth(db.prisma, settings), settings };
    })
    .catch((error: unknown) => {
      delete holder[KEY];
      throw error;
    });
  return holder[KEY];
}
