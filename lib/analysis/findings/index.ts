import { adminAccess } from "./adminAccess";
import { costImpact } from "./costImpact";
import { danglingPrincipal } from "./danglingPrincipal";
import { dataAccess } from "./dataAccess";
import { destructiveActions } from "./destructiveActions";
import { noExternalId } from "./noExternalId";
import { oidcUnrestricted } from "./oidcUnrestricted";
import { privilegeEscalation } from "./privilegeEscalation";
import { rootPrincipal } from "./rootPrincipal";
import type { FindingCode, FindingRule, TrustFacts } from "./types";
import { unknownVendor } from "./unknownVendor";
import { unused } from "./unused";
import { weakExternalId } from "./weakExternalId";
import { wildcardPrincipal } from "./wildcardPrincipal";
import { writeAccess } from "./writeAccess";

export { FINDING, type FindingCode, type FindingRule, type RiskyHoldings, type TrustFacts } from "./types";

/** Every rule, in the order findings are listed. */
export const FINDING_RULES: readonly FindingRule[] = [
  wildcardPrincipal,
  oidcUnrestricted,
  rootPrincipal,
  noExternalId,
  weakExternalId,
  danglingPrincipal,
  unknownVendor,
  unused,
  adminAccess,
  privilegeEscalation,
  destructiveActions,
  costImpact,
  dataAccess,
  writeAccess,
];

export function findingRule(code: FindingCode): FindingRule {
  return FINDING_RULES.find((r) => r.code === code)!;
}

export function findingsFor(facts: TrustFacts): FindingCode[] {
  return FINDING_RULES.filter((rule) => rule.applies(facts)).map((rule) => rule.code);
}
