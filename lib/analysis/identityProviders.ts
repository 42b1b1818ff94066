/**
 * Web identity providers that a role's trust policy can federate with. Third-party CI/CD
 * and public identity providers issue tokens to anyone with an account there: a role that
 * trusts one without pinning a claim that names *our* tenant can be assumed by strangers.
 */
import type { Requirement } from "./conditions";
import { hasWildcard } from "./wildcard";

export interface IdentityProvider {
  /** Shown as the vendor of trusts through this provider. */
  name: string;
  /** Matches the provider's host/path: the part after `oidc-provider/`, or the bare name. */
  host: RegExp;
  /** The issuer URL itself is specific to one customer (CircleCI org, Bitbucket workspace). */
  tenantScoped: boolean;
  /** Claims (condition key suffixes) that can pin the token to one tenant. */
  claims: string[];
  /** What a pinning value must start with to name a tenant, e.g. `repo:OWNER/` for GitHub. */
  ownerPrefix: RegExp | null;
}

export const IDENTITY_PROVIDERS: readonly IdentityProvider[] = [
  { name: "GitHub Actions", host: /^token\.actions\.githubusercontent\.com$/, tenantScoped: false, claims: ["sub"], ownerPrefix: /^repo:[^/*?]+\//i },
  { name: "GitHub Actions", host: /^token\.actions\.githubusercontent\.com\/[^/]+$/, tenantScoped: true, claims: ["sub"], ownerPrefix: null },
  { name: "GitLab", host: /^gitlab\.com$/, tenantScoped: false, claims: ["sub"], ownerPrefix: /^project_path:[^/*?:]+\//i },
  { name: "Terraform Cloud", host: /^app\.terraform\.io$/, tenantScoped: false, claims: ["sub"], ownerPrefix: /^organization:[^:*?]+:/i },
  { name: "Buildkite", host: /^agent\.buildkite\.com$/, tenantScoped: false, claims: ["sub"], ownerPrefix: /^organization:[^:*?]+:/i },
  { name: "CircleCI", host: /^oidc\.circleci\.com\/org\/[^/]+$/, tenantScoped: true, claims: ["sub"], ownerPrefix: null },
  { name: "Bitbucket Pipelines", host: /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/, tenantScoped: true, claims: ["sub"], ownerPrefix: null },
  { name: "Google", host: /^accounts\.google\.com$/, tenantScoped: false, claims: ["aud", "oaud", "sub"], ownerPrefix: null },
  { name: "Facebook", host: /^graph\.facebook\.com$/, tenantScoped: false, claims: ["app_id", "id"], ownerPrefix: null },
  { name: "Login with Amazon", host: /^www\.amazon\.com$/, tenantScoped: false, claims: ["app_id", "user_id"], ownerPrefix: null },
  { name: "Amazon Cognito", host: /^cognito-identity\.amazonaws\.com$/, tenantScoped: false, claims: ["aud"], ownerPrefix: null },
];

export type FederationKind = "saml" | "oidc";

export interface Federation {
  kind: FederationKind;
  /** `token.actions.githubusercontent.com`, `accounts.google.com`, or the SAML provider name. */
  host: string;
  provider: IdentityProvider | null;
}

/** Reads a `Federated` principal value (a provider ARN or a well-known provider name). */
export function federationOf(value: string): Federation {
  const saml = /:saml-provider\/(.+)$/.exec(value);
  if (saml) return { kind: "saml", host: saml[1]!, provider: null };
  const oidc = /:oidc-provider\/(.+)$/.exec(value);
  const host = (oidc ? oidc[1]! : value).replace(/^https:\/\//i, "").replace(/\/$/, "");
  const provider = IDENTITY_PROVIDERS.find((p) => p.host.test(host.toLowerCase())) ?? null;
  return { kind: "oidc", host, provider };
}

/** The STS action a federated principal uses. */
export function federationAction(federation: Federation): string {
  return federation.kind === "saml" ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
}

/**
 * Whether tokens from a known provider are pinned to one tenant by the requirements.
 * Null for providers we know nothing about (the organization's own issuers, EKS clusters).
 */
export function isFederationRestricted(federation: Federation, requirements: readonly Requirement[]): boolean | null {
  const provider = federation.provider;
  if (!provider) return null;
  if (provider.tenantScoped) return true;
  const prefix = federation.host.toLowerCase() + ":";
  return requirements.some((r) => {
    if (!r.key.startsWith(prefix) || !provider.claims.includes(r.key.slice(prefix.length))) return false;
    return r.values.length > 0 && r.values.every((value) => pinsTenant(provider, value, r.like));
  });
}

function pinsTenant(provider: IdentityProvider, value: string, like: boolean): boolean {
  if (provider.ownerPrefix) return provider.ownerPrefix.test(value);
  return !like || !hasWildcard(value) || value.replace(/[*?]/g, "").length > 0;
}
