import { FINDING } from "@/lib/analysis/findings";
import { oidcUnrestricted } from "@/lib/analysis/findings/oidcUnrestricted";
import { describeRule } from "./ruleTable";

const GITHUB = "arn:aws:iam::210000000002:oidc-provider/token.actions.githubusercontent.com";
const github = (condition: Record<string, unknown>) => ({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition });

describeRule(oidcUnrestricted, FINDING.OIDC_UNRESTRICTED, {
  raises: [
    ["GitHub Actions checked only for the audience", { trust: github({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }), vendor: "GitHub Actions" }],
    ["GitHub Actions with a sub pattern that names no owner", { trust: github({ StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } }), vendor: "GitHub Actions" }],
  ],
  doesNotRaise: [
    ["GitHub Actions pinned to our organization's repository", { trust: github({ StringLike: { "token.actions.githubusercontent.com:sub": "repo:our-org/our-repo:*" } }), vendor: "GitHub Actions" }],
    ["our own OIDC issuer (an EKS cluster)", { trust: { Effect: "Allow", Principal: { Federated: "arn:aws:iam::210000000002:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC" }, Action: "sts:AssumeRoleWithWebIdentity" }, internal: true, vendor: null }],
    ["an AWS principal", {}],
  ],
});
