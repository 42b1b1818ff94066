/**
 * Each list's filters as read from the URL: one reader per list, shared by its page and its
 * CSV download, so a download always holds the rows the page shows (on every page).
 */
import { ACCESS_LEVELS } from "../analysis/actionCatalog";
import { FINDING, type FindingCode } from "../analysis/findings";
import { RISKS } from "../analysis/risk";
import { ACCOUNT_SORTS, ACCOUNT_STATES, type AccountFilters } from "./accounts";
import type { ActionSearchInput } from "./actionSearch";
import { accountId, oneOf, page, text, type SearchParams } from "./params";
import { TRUST_SCOPES, TRUST_SORTS, type TrustFilters } from "./trusts";
import { RESOURCE_SERVICES, RESOURCE_SORTS, type ResourceFilters } from "./resources";
import { ATTRIBUTIONS, KEY_STATES, type UserFilters } from "./users";
import { VENDOR_SORTS, type VendorFilters } from "./vendors";

const FINDINGS = Object.values(FINDING) as FindingCode[];

export function vendorFilters(params: SearchParams): VendorFilters & { sort: NonNullable<VendorFilters["sort"]> } {
  return {
    risk: oneOf(params, "risk", RISKS),
    finding: oneOf(params, "finding", FINDINGS),
    account: accountId(params),
    q: text(params, "q"),
    sort: oneOf(params, "sort", VENDOR_SORTS) ?? "risk",
    page: page(params),
  };
}

export function trustFilters(params: SearchParams): TrustFilters & { sort: NonNullable<TrustFilters["sort"]> } {
  return {
    scope: oneOf(params, "scope", TRUST_SCOPES) ?? "external",
    risk: oneOf(params, "risk", RISKS),
    finding: oneOf(params, "finding", FINDINGS),
    account: accountId(params),
    party: text(params, "party"),
    q: text(params, "q"),
    sort: oneOf(params, "sort", TRUST_SORTS) ?? "risk",
    page: page(params),
  };
}

export function resourceFilters(params: SearchParams): ResourceFilters & { sort: NonNullable<ResourceFilters["sort"]> } {
  return {
    scope: oneOf(params, "scope", TRUST_SCOPES) ?? "external",
    risk: oneOf(params, "risk", RISKS),
    finding: oneOf(params, "finding", FINDINGS),
    service: oneOf(params, "service", RESOURCE_SERVICES),
    account: accountId(params),
    party: text(params, "party"),
    q: text(params, "q"),
    sort: oneOf(params, "sort", RESOURCE_SORTS) ?? "risk",
    page: page(params),
  };
}

export function accountFilters(params: SearchParams): AccountFilters & { sort: NonNullable<AccountFilters["sort"]> } {
  return { q: text(params, "q"), state: oneOf(params, "state", ACCOUNT_STATES), sort: oneOf(params, "sort", ACCOUNT_SORTS) ?? "risk", page: page(params) };
}

export function userFilters(params: SearchParams): UserFilters {
  return { account: accountId(params), state: oneOf(params, "state", KEY_STATES), attribution: oneOf(params, "attribution", ATTRIBUTIONS), q: text(params, "q"), page: page(params) };
}

export function actionSearchInput(params: SearchParams): ActionSearchInput | null {
  const q = text(params, "q");
  if (!q) return null;
  return { q, level: oneOf(params, "level", ACCESS_LEVELS), scope: oneOf(params, "scope", TRUST_SCOPES) ?? "external", page: page(params) };
}

export { FINDINGS };
