/** ECR repository policies: DescribeRepositories, then GetRepositoryPolicy (RepositoryPolicyNotFoundException: none). */
import { ECRClient, GetRepositoryPolicyCommand, paginateDescribeRepositories } from "@aws-sdk/client-ecr";
import { absentIsNothing, allPages, type ResourceReader } from "./regionRead";

export const ecrReader: ResourceReader = {
  services: ["ecr"],
  sdkService: "ecr",
  async read(ctx) {
    const client = ctx.client(ECRClient, "ecr");
    const repositories = await allPages(paginateDescribeRepositories({ client, pageSize: 1000 }, {}), (page) => page.repositories);
    const named = repositories.filter((r) => r.repositoryName && r.repositoryArn);
    await ctx.each(named, "ecr", (r) => r.repositoryArn!, async (repository) => {
      const answer = await absentIsNothing(() => client.send(new GetRepositoryPolicyCommand({ repositoryName: repository.repositoryName! })), /^Repository(Policy)?NotFound/);
      if (answer?.policyText) ctx.policy("ecr", repository.repositoryArn!, answer.policyText);
    });
  },
};
