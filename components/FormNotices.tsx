/** What a form's redirect said: `?error=` (from the server's validation) or `?saved=1`. */
export function FormNotices({ error, saved }: { error?: string; saved?: string }) {
  return (
    <>
      {error ? (
        <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {saved ? <p className="mb-4 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">{saved}</p> : null}
    </>
  );
}
