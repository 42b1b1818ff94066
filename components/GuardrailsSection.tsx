import Link from "next/link";
import { DataTable, Td } from "@/components/DataTable";
import { Section } from "@/components/PageHeader";
import { Th } from "@/components/SortHeader";
import { RISKY_CATEGORIES, type RiskyCategory, type RiskyLists } from "@/lib/analysis/guardrails/beforeGuardrails";
import { count } from "@/lib/format";
import type { VendorGuardrail } from "@/lib/queries/vendorDetail";

/** A vendor's guardrail row; for one role, without the count of trusts. */
export type GuardrailRow = Omit<VendorGuardrail, "trusts"> & { trusts?: number };

const LABEL: Record<RiskyCategory, [string, string]> = {
  privilegeEscalation: ["Privilege escalation", "method"],
  destructive: ["Destructive", "action"],
  costImpact: ["Cost impact", "action"],
  dataAccess: ["Data access", "action"],
};

/** Shown at most per list of actions; the rest is counted. */
const SHOWN = 12;

/**
 * What the organization's SCPs and RCPs do to this access: each risky category before and
 * after them, and each guardrail with where it is attached and what it takes away.
 */
export function GuardrailsSection({ policies, before, after, blocked }: { policies: GuardrailRow[]; before: RiskyLists; after: RiskyLists; blocked?: { trusts: number; of: number } }) {
  return (
    <Section title="Guardrails">
      {blocked && blocked.trusts > 0 ? (
        <p className="mb-3 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="perimeter-blocked">
          The data perimeter blocks {count(blocked.trusts, "trust")} of {blocked.of}: {blocked.trusts === blocked.of ? "this vendor cannot assume any of our roles" : "those roles cannot be assumed by this vendor"}.
        </p>
      ) : null}
      <div className="space-y-4">
        <DataTable caption="Risky access before and after the organization's guardrails" head={<><Th>Category</Th><Th>Own policies allow</Th><Th>After guardrails</Th></>}>
          {RISKY_CATEGORIES.map((c) => {
            const [label, unit] = LABEL[c];
            const removed = before[c].filter((a) => !after[c].includes(a));
            return (
              <tr key={c}>
                <Td>{label}</Td>
                <Td>{before[c].length ? count(before[c].length, unit) : "none"}</Td>
                <Td>
                  <span className={removed.length ? "font-medium text-emerald-800" : ""}>{after[c].length ? count(after[c].length, unit) : "none"}</span>
                  {removed.length ? <ActionList label="removed" items={removed} struck /> : null}
                </Td>
              </tr>
            );
          })}
        </DataTable>
        <DataTable caption="Guardrails that cut this access" head={<><Th>Guardrail</Th><Th>Attached to</Th><Th>Takes away</Th>{policies.some((p) => p.trusts !== undefined) ? <Th>Trusts</Th> : null}</>}>
          {policies.map((p) => (
            <tr key={`${p.policyId}-${p.target}`}>
              <Td>
                <span className={`mr-1 inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${p.type === "rcp" ? "bg-emerald-100 text-emerald-900" : "bg-sky-100 text-sky-900"}`}>{p.type.toUpperCase()}</span>
                <span className="[overflow-wrap:anywhere] font-medium">{p.name}</span>
                <span className="block whitespace-nowrap font-mono text-xs text-slate-500">{p.policyId}</span>
              </Td>
              <Td>
                <span className="[overflow-wrap:anywhere]">{p.targetName ?? p.target}</span>
                {p.targetName ? <span className="block whitespace-nowrap font-mono text-xs text-slate-500">{p.target}</span> : null}
              </Td>
              <Td>
                {p.type === "rcp" ? <span className="font-medium text-emerald-800">blocks the assume (sts:AssumeRole)</span> : <ActionList items={p.removed} />}
                {p.mayRemove.length ? <ActionList label="only under conditions we cannot see, still counted as possible" items={p.mayRemove} /> : null}
              </Td>
              {p.trusts !== undefined ? <Td>{p.trusts}</Td> : null}
            </tr>
          ))}
        </DataTable>
      </div>
    </Section>
  );
}

function ActionList({ items, label, struck = false }: { items: string[]; label?: string; struck?: boolean }) {
  if (items.length === 0) return <span className="text-slate-500">nothing</span>;
  return (
    <div className="mt-1">
      {label ? <span className="block text-xs text-slate-500">{label}:</span> : null}
      <ul className="flex flex-wrap gap-1">
        {items.slice(0, SHOWN).map((a) => (
          <li key={a}>
            {/^[a-z0-9-]+:/.test(a) ? (
              <Link href={`/actions?q=${encodeURIComponent(a)}`} className={`action-chip${struck ? " line-through" : ""}`}>
                {a}
              </Link>
            ) : (
              <span className={`action-chip${struck ? " line-through" : ""}`}>{a}</span>
            )}
          </li>
        ))}
        {items.length > SHOWN ? <li className="text-xs text-slate-500">and {items.length - SHOWN} more</li> : null}
      </ul>
    </div>
  );
}
