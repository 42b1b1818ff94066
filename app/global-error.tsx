"use client";
/**
 * An error in the root layout itself (it reads the signed-in user: with the database down,
 * every page, /login included, fails here): the same panel, in a page of its own.
 */
import { ServerErrorPanel } from "@/components/ServerErrorPanel";
import "./globals.css";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <head>
        <title>Vendorscope</title>
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <main className="mx-auto max-w-7xl px-4 py-6">
          <ServerErrorPanel digest={error.digest} reset={reset} />
        </main>
      </body>
    </html>
  );
}
