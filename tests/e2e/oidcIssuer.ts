/**
 * A standards-compliant OpenID Connect issuer for the browser tests (panva's oidc-provider, the
 * certified implementation), with its development sign-in form: whoever types an email there is
 * that user. Users at acme.test are allowed by the dashboard's allow-list; the "secops" group
 * (given to emails starting with "sec") makes an admin.
 */
import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";

export const OIDC_CLIENT = { id: "vendorscope-e2e", secret: "e2e-client-secret-0123456789abcdef" };

export async function startOidcIssuer(port: number, dashboard: string): Promise<{ issuer: string; stop(): Promise<void> }> {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [`${dashboard}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: id, email_verified: true, name: id.split("@")[0], groups: id.startsWith("sec") ? ["secops"] : ["staff"] }),
    }),
    pkce: { required: () => false },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["e2e-cookie-key-0123456789"] },
  });
  provider.on("server_error", (_ctx, error) => console.error(`oidc issuer: ${error.message}`));
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { issuer, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
