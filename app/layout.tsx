import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/DemoBanner";
import { SiteHeader } from "@/components/SiteHeader";
import { currentUser } from "@/lib/auth/access";
import { prisma } from "@/lib/db/server";
import { demoLoaded } from "@/lib/demo/demoSetting";
import { signOut } from "./authServerActions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Vendorscope", template: "%s · Vendorscope" },
  description: "Which outside party can get into which of our AWS accounts, and what can it do there?",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const demo = user ? await demoLoaded(await prisma()) : false;
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <SiteHeader user={user} signOut={signOut} />
        {demo ? <DemoBanner /> : null}
        <main className="mx-auto max-w-[120rem] px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
