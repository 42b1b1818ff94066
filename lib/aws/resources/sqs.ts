/** SQS queue policies: ListQueues, then GetQueueAttributes (Policy, QueueArn). */
import { GetQueueAttributesCommand, paginateListQueues, SQSClient } from "@aws-sdk/client-sqs";
import { absentIsNothing, allPages, type ResourceReader } from "./regionRead";

export const sqsReader: ResourceReader = {
  services: ["sqs"],
  sdkService: "sqs",
  async read(ctx) {
    const client = ctx.client(SQSClient, "sqs");
    const urls = await allPages(paginateListQueues({ client, pageSize: 1000 }, {}), (page) => page.QueueUrls);
    const arnOf = (url: string) => `arn:${ctx.partition}:sqs:${ctx.region}:${ctx.accountId}:${url.slice(url.lastIndexOf("/") + 1)}`;
    await ctx.each(urls, "sqs", arnOf, async (url) => {
      const answer = await absentIsNothing(() => client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["Policy", "QueueArn"] })), /QueueDoesNotExist|NonExistentQueue/);
      const policy = answer?.Attributes?.Policy;
      if (policy) ctx.policy("sqs", answer.Attributes?.QueueArn ?? arnOf(url), policy);
    });
  },
};
