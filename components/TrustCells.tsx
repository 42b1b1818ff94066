import Link from "next/link";
import type { FindingCode } from "@/lib/analysis/findings";
import type { Risk } from "@/lib/analysis/risk";
import { vendorHref } from "@/lib/web/url";
import { Td } from "./DataTable";
import { ShortName } from "./ShortName";
import { FindingList } from "./FindingBadge";
import { RiskBadge } from "./RiskBadge";

/** Cells every trust table shares, so a trust reads the same on every page. */

export function PartyCell({ party, partyName, internal }: { party: string; partyName: string; internal: boolean }) {
  return (
    <Td className="min-w-[8rem] max-w-[14rem]">
      {internal ? (
        <span className="text-slate-500">internal</span>
      ) : (
        <Link href={vendorHref(party)} className="underline">
          {partyName}
        </Link>
      )}
    </Td>
  );
}

/** A vendor's name linking to its page, in the vendor lists; `children` adds a line below. */
export function VendorNameCell({ party, name, children }: { party: string; name: string; children?: React.ReactNode }) {
  return (
    <Td className="min-w-[9rem] max-w-xs">
      <Link href={vendorHref(party)} className="[overflow-wrap:anywhere] font-medium underline">
        {name}
      </Link>
      {children}
    </Td>
  );
}

export function AccountCell({ id, name }: { id: string; name?: string | null }) {
  return (
    <Td>
      <Link href={`/accounts/${id}`} className="whitespace-nowrap font-mono underline">
        {id}
      </Link>
      {name ? <span className="block text-xs text-slate-500">{name}</span> : null}
    </Td>
  );
}

export function RoleCell({ id, name, admin = false }: { id: number; name: string; admin?: boolean }) {
  return (
    <Td className="min-w-[9rem] max-w-xs">
      <Link href={`/roles/${id}`} className="[overflow-wrap:anywhere] underline">
        {name}
      </Link>
      {admin ? <span className="ml-1 text-xs font-semibold text-red-700">admin</span> : null}
    </Td>
  );
}

/** Principal, ExternalId, risk and findings. */
export function TrustFactsCells({ principal, note, externalId, risk, findings }: { principal: string; note?: React.ReactNode; externalId: string | null; risk: Risk; findings: FindingCode[] }) {
  return (
    <>
      <Td className="min-w-[12rem] max-w-xs">
        <ShortName value={principal} />
        {note}
      </Td>
      <Td>{externalId ?? "n/a"}</Td>
      <Td className="risk-col">
        <RiskBadge risk={risk} />
      </Td>
      <Td>
        <FindingList codes={findings} />
      </Td>
    </>
  );
}
