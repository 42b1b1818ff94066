/** How a change reads in a diff: added (+), removed (−) or changed (~). */
import { CHANGE, type ChangeKind } from "../history/changeKinds";

export type ChangeSign = "+" | "−" | "~";

const ADDED = new Set<string>([CHANGE.TRUST_ADDED, CHANGE.VENDOR_APPEARED, CHANGE.ACCOUNT_ADDED, CHANGE.KEY_CREATED, CHANGE.PERMISSIONS_WIDENED, CHANGE.FINDING_RAISED, CHANGE.KEY_ACTIVATED]);
const REMOVED = new Set<string>([CHANGE.TRUST_REMOVED, CHANGE.VENDOR_DISAPPEARED, CHANGE.ACCOUNT_REMOVED, CHANGE.KEY_DELETED, CHANGE.PERMISSIONS_NARROWED, CHANGE.FINDING_RESOLVED, CHANGE.KEY_DEACTIVATED]);

export function changeSign(kind: ChangeKind | string): ChangeSign {
  return ADDED.has(kind) ? "+" : REMOVED.has(kind) ? "−" : "~";
}
