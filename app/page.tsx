import { FINDING_RULES } from "@/lib/analysis/findings";

export default function HomePage() {
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-semibold tracking-tight">Which outside party can get into which of our accounts?</h1>
        <p className="max-w-3xl text-slate-600">
          Vendorscope reads every account of an AWS Organization, finds each role a party outside the organization can
          assume, and tells you what that party can do there. The dashboard arrives with the next releases; today the
          analysis engine runs from the command line on exported IAM data.
        </p>
      </section>

      <section aria-labelledby="try-it" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="try-it" className="text-lg font-semibold">Analyse an export</h2>
        <pre className="mt-3 overflow-x-auto rounded bg-slate-900 p-4 font-mono text-sm text-slate-100">
          {`aws iam get-account-authorization-details > prod.json
aws organizations list-accounts > accounts.json
npx vendorscope analyze . --known-accounts accounts.yaml`}
        </pre>
      </section>

      <section aria-labelledby="findings">
        <h2 id="findings" className="text-lg font-semibold">What it looks for</h2>
        <table className="mt-3 w-full border-collapse overflow-hidden rounded-lg bg-white text-left text-sm shadow-sm">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Finding</th>
              <th scope="col" className="px-3 py-2 font-medium">Why it matters</th>
            </tr>
          </thead>
          <tbody>
            {FINDING_RULES.map((rule) => (
              <tr key={rule.code} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">
                  <div className="font-medium">{rule.title}</div>
                  <code className="text-xs text-slate-500">{rule.code}</code>
                </td>
                <td className="px-3 py-2 text-slate-600">{rule.explanation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
