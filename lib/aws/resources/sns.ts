/** SNS topic policies: ListTopics, then GetTopicAttributes (its Policy). */
import { GetTopicAttributesCommand, paginateListTopics, SNSClient } from "@aws-sdk/client-sns";
import { absentIsNothing, allPages, type ResourceReader } from "./regionRead";

export const snsReader: ResourceReader = {
  services: ["sns"],
  sdkService: "sns",
  async read(ctx) {
    const client = ctx.client(SNSClient, "sns");
    const topics = await allPages(paginateListTopics({ client }, {}), (page) => page.Topics);
    const arns = topics.flatMap((t) => (t.TopicArn ? [t.TopicArn] : []));
    await ctx.each(arns, "sns", (arn) => arn, async (arn) => {
      const answer = await absentIsNothing(() => client.send(new GetTopicAttributesCommand({ TopicArn: arn })), /^NotFound/);
      const policy = answer?.Attributes?.Policy;
      if (policy) ctx.policy("sns", arn, policy);
    });
  },
};
