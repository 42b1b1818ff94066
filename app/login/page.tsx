import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { currentUser } from "@/lib/auth/access";
import { safeNextPath } from "@/lib/auth/safeNext";
import { serverAuth } from "@/lib/auth/server";
import { signInErrorMessage } from "@/lib/auth/signInErrors";
import { text, type SearchParams } from "@/lib/queries/params";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  // Only a path on this site, as the browser will read it (lib/auth/safeNext.ts): no open redirect.
  const next = safeNextPath(text(params, "next"));
  if (await currentUser()) redirect(next);
  const { settings } = await serverAuth();
  const error = text(params, "error");
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Sign in to Vendorscope</h1>
      <p className="mb-5 text-sm text-slate-600">The inventory maps how outsiders get into your AWS accounts: it is for signed-in users only.</p>
      {text(params, "signedOut") ? <p className="mb-4 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">You are signed out.</p> : null}
      {error ? (
        <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {signInErrorMessage(error)}
        </p>
      ) : null}
      <SignInForm next={next} sso={settings.oidc?.label ?? null} />
    </div>
  );
}
