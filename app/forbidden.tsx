import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto mt-10 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-sm">
      <h1 className="mb-2 text-xl font-semibold">Not allowed</h1>
      <p className="text-slate-600">This needs the admin role. Ask an admin of this dashboard if you need it.</p>
      <Link href="/" className="mt-4 inline-block text-sky-700 underline">
        Back to the overview
      </Link>
    </div>
  );
}
