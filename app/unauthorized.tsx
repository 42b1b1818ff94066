import Link from "next/link";

export default function Unauthorized() {
  return (
    <div className="mx-auto mt-10 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-sm">
      <h1 className="mb-2 text-xl font-semibold">Sign in first</h1>
      <p className="text-slate-600">Your session has ended.</p>
      <Link href="/login" className="mt-4 inline-block text-sky-700 underline">
        Sign in
      </Link>
    </div>
  );
}
