/**
 * What a change means for security, in one place: a label a person reads, and a tone —
 * alarm (access gained or widened, risk or a severe finding raised), warn (worth a look),
 * good (access removed, a finding resolved, risk lowered) or neutral (renames, accounts
 * joining). Change feeds are coloured and sorted by it, never by diff direction.
 */
import { findingTier, RISKS } from "../analysis/risk";
import { CHANGE } from "./changeKinds";

export type ChangeTone = "alarm" | "warn" | "neutral" | "good";

/** The tones in the order change lists show them: the alarming first. */
export const CHANGE_TONES: readonly ChangeTone[] = ["alarm", "warn", "neutral", "good"];

export interface ChangeMeaning {
  label: string;
  tone: ChangeTone;
}

const EXTERNAL_ID_STRENGTH = [null, "missing", "weak", "required"] as const;

const FIXED: Record<string, ChangeMeaning> = {
  [CHANGE.TRUST_ADDED]: { label: "Access gained", tone: "alarm" },
  [CHANGE.VENDOR_APPEARED]: { label: "New party with access", tone: "alarm" },
  [CHANGE.PERMISSIONS_WIDENED]: { label: "Permissions widened", tone: "alarm" },
  [CHANGE.PRINCIPAL_CHANGED]: { label: "Trusted principal changed", tone: "warn" },
  [CHANGE.KEY_CREATED]: { label: "Access key created", tone: "warn" },
  [CHANGE.KEY_ACTIVATED]: { label: "Access key activated", tone: "warn" },
  [CHANGE.VENDOR_CHANGED]: { label: "Attributed", tone: "neutral" },
  [CHANGE.ATTRIBUTED]: { label: "Named", tone: "neutral" },
  [CHANGE.ACCOUNT_ADDED]: { label: "Account joined", tone: "neutral" },
  [CHANGE.ACCOUNT_REMOVED]: { label: "Account left", tone: "neutral" },
  [CHANGE.KEY_ROTATED]: { label: "Access key rotated", tone: "neutral" },
  [CHANGE.TRUST_REMOVED]: { label: "Access removed", tone: "good" },
  [CHANGE.VENDOR_DISAPPEARED]: { label: "Party lost all access", tone: "good" },
  [CHANGE.PERMISSIONS_NARROWED]: { label: "Permissions narrowed", tone: "good" },
  [CHANGE.FINDING_RESOLVED]: { label: "Finding resolved", tone: "good" },
  [CHANGE.KEY_DELETED]: { label: "Access key deleted", tone: "good" },
  [CHANGE.KEY_DEACTIVATED]: { label: "Access key deactivated", tone: "good" },
  [CHANGE.RESOURCE_GRANTED]: { label: "Resource access gained", tone: "alarm" },
  [CHANGE.RESOURCE_REVOKED]: { label: "Resource access removed", tone: "good" },
};

/** The kinds whose meaning depends on their before and after values (the rest is fixed per kind). */
export const VALUE_DEPENDENT_KINDS: readonly string[] = [CHANGE.RISK_CHANGED, CHANGE.FINDING_RAISED, CHANGE.EXTERNAL_ID_CHANGED, CHANGE.VENDOR_CHANGED, CHANGE.RESOURCE_GRANT_CHANGED];

export function changeMeaning(event: { kind: string; before?: unknown; after?: unknown }): ChangeMeaning {
  switch (event.kind) {
    case CHANGE.RISK_CHANGED: {
      const up = RISKS.indexOf(event.after as never) > RISKS.indexOf(event.before as never);
      return up ? { label: "Risk raised", tone: "alarm" } : { label: "Risk lowered", tone: "good" };
    }
    case CHANGE.VENDOR_CHANGED: {
      // An account leaving our organization hands its access to an outside party.
      const was = (event.before as { internal?: boolean } | null)?.internal;
      const now = (event.after as { internal?: boolean } | null)?.internal;
      return was === true && now === false ? { label: "Now third-party", tone: "alarm" } : FIXED[CHANGE.VENDOR_CHANGED]!;
    }
    case CHANGE.RESOURCE_GRANT_CHANGED: {
      const rank = (v: unknown) => (v as { riskRank?: number } | null)?.riskRank ?? 0;
      const actions = (v: unknown) => (v as { actions?: unknown[] } | null)?.actions?.length ?? 0;
      const [before, after] = [event.before, event.after];
      if (rank(after) > rank(before) || (rank(after) === rank(before) && actions(after) > actions(before))) return { label: "Resource access widened", tone: "alarm" };
      if (rank(after) < rank(before) || actions(after) < actions(before)) return { label: "Resource access narrowed", tone: "good" };
      return { label: "Resource access changed", tone: "warn" };
    }
    case CHANGE.FINDING_RAISED:
      return { label: "Finding raised", tone: findingTier(String(event.after)) === "severe" ? "alarm" : "warn" };
    case CHANGE.EXTERNAL_ID_CHANGED: {
      const strength = (v: unknown) => EXTERNAL_ID_STRENGTH.indexOf((v ?? null) as never);
      return strength(event.after) < strength(event.before) ? { label: "ExternalId weakened", tone: "alarm" } : { label: "ExternalId strengthened", tone: "good" };
    }
    default:
      return FIXED[event.kind] ?? { label: event.kind.toLowerCase().replace(/_/g, " "), tone: "neutral" };
  }
}

/** A kind in words, whatever its values (for filters and counts by kind). */
export function kindLabel(kind: string): string {
  if (kind === CHANGE.RISK_CHANGED) return "Risk changed";
  if (kind === CHANGE.EXTERNAL_ID_CHANGED) return "ExternalId changed";
  return changeMeaning({ kind }).label;
}

/** For sorting: 0 for the most alarming. */
export function changeRank(event: { kind: string; before?: unknown; after?: unknown }): number {
  return CHANGE_TONES.indexOf(changeMeaning(event).tone);
}
