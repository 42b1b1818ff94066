/**
 * ECR operations on the caller's repositories in the call's region: DescribeRepositories
 * (all, or those in repositoryNames; maxResults/nextToken) and GetRepositoryPolicy
 * (RepositoryPolicyNotFoundException when the repository has no policy,
 * RepositoryNotFoundException when it does not exist).
 */
import { type ServiceContext, callerResources, intParam, listParam, policyText, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { unitFor } from "./prng";
import type { FakePolicyResource } from "./types";

export async function handleEcr(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inRegion, resources } = await callerResources(ctx);
  const registryId = ctx.caller.accountId;
  const repositories = inRegion(resources.repositories);
  const find = (name: string): FakePolicyResource => {
    const repository = repositories.find((r) => r.name === name);
    if (!repository) throw new AwsApiError("RepositoryNotFoundException", 400, `The repository with name '${name}' does not exist in the registry with id '${registryId}'`);
    return repository;
  };
  switch (operation) {
    case "DescribeRepositories": {
      const names = listParam(params.repositoryNames);
      const listed = names.length > 0 ? names.map(find) : repositories;
      const max = intParam(params.maxResults);
      if (max !== undefined && !(max >= 1 && max <= 1000)) throw new AwsApiError("InvalidParameterException", 400, "maxResults must be between 1 and 1000");
      const scope = `DescribeRepositories/${registryId}/${ctx.region}/${names.join(",")}`;
      const token = stringParam(params.nextToken);
      const offset = token === undefined ? 0 : decodeCursor(token, scope)?.offset;
      if (offset === undefined) throw new AwsApiError("InvalidParameterException", 400, "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'");
      const end = Math.min(listed.length, offset + pageSize(max, 100, ctx.faults.maxItemsCap));
      return {
        repositories: listed.slice(offset, end).map((r) => ({
          repositoryArn: `arn:aws:ecr:${ctx.region}:${registryId}:repository/${r.name}`,
          registryId,
          repositoryName: r.name,
          repositoryUri: `${registryId}.dkr.ecr.${ctx.region}.amazonaws.com/${r.name}`,
          createdAt: Date.UTC(2023, 0, 1) / 1000 + Math.floor(unitFor("repository", registryId, ctx.region, r.name) * 365 * 86_400),
          imageTagMutability: "MUTABLE",
          imageScanningConfiguration: { scanOnPush: false },
          encryptionConfiguration: { encryptionType: "AES256" },
        })),
        nextToken: end < listed.length ? encodeCursor(scope, { offset: end }) : undefined,
      };
    }
    case "GetRepositoryPolicy": {
      const repository = find(stringParam(params.repositoryName) ?? "");
      if (repository.policy === undefined) {
        throw new AwsApiError("RepositoryPolicyNotFoundException", 400, `Repository policy does not exist for the repository with name '${repository.name}' in the registry with id '${registryId}'`);
      }
      return { registryId, repositoryName: repository.name, policyText: policyText(repository.policy) };
    }
    default:
      throw new AwsApiError("UnknownOperationException", 400, `The fake does not serve ${operation}`);
  }
}
