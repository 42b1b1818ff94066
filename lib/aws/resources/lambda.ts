/** Lambda function policies: ListFunctions, then GetPolicy (ResourceNotFoundException: the function has none). */
import { GetPolicyCommand, LambdaClient, paginateListFunctions } from "@aws-sdk/client-lambda";
import { absentIsNothing, allPages, type ResourceReader } from "./regionRead";

export const lambdaReader: ResourceReader = {
  services: ["lambda"],
  sdkService: "lambda",
  async read(ctx) {
    const client = ctx.client(LambdaClient, "lambda");
    const functions = await allPages(paginateListFunctions({ client, pageSize: 50 }, {}), (page) => page.Functions);
    const named = functions.filter((f) => f.FunctionName && f.FunctionArn);
    await ctx.each(named, "lambda", (f) => f.FunctionArn!, async (fn) => {
      const answer = await absentIsNothing(() => client.send(new GetPolicyCommand({ FunctionName: fn.FunctionName! })), /^ResourceNotFound/);
      if (answer?.Policy) ctx.policy("lambda", fn.FunctionArn!, answer.Policy);
    });
  },
};
