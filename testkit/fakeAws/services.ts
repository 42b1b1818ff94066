/**
 * Every service the fake speaks, by signing name: its wire protocol, its error codes and its
 * operations. The server routes a request here by its SigV4 signing scope.
 */
import { handleAccessAnalyzer } from "./accessAnalyzer";
import { handleEc2 } from "./ec2";
import { ec2Protocol } from "./ec2Protocol";
import { handleEcr } from "./ecr";
import { handleIam } from "./iam";
import { awsJsonProtocol, ORGANIZATIONS_TARGET_PREFIX } from "./jsonProtocol";
import { handleKms } from "./kms";
import { handleLambda } from "./lambda";
import { handleOrganizations } from "./organizations";
import { awsQueryProtocol } from "./queryProtocol";
import { handleRam } from "./ram";
import { handleRds } from "./rds";
import { restJsonProtocol, restXmlProtocol } from "./restProtocols";
import { handleS3 } from "./s3";
import { handleSecretsManager } from "./secretsManager";
import { handleSns } from "./sns";
import { handleSqs } from "./sqs";
import { handleSts } from "./sts";
import type { ServiceName } from "./types";
import type { ServiceDefinition, ServiceErrors } from "./wire";

function errors(overrides: Partial<ServiceErrors>): ServiceErrors {
  return {
    throttle: ["ThrottlingException", 400],
    denied: ["AccessDeniedException", 400],
    invalidToken: ["UnrecognizedClientException", 400],
    serverError: ["InternalFailure", 500],
    unavailable: ["ServiceUnavailableException", 503],
    ...overrides,
  };
}

const QUERY_ERRORS = errors({
  throttle: ["Throttling", 400],
  denied: ["AccessDenied", 403],
  invalidToken: ["InvalidClientTokenId", 403],
  unavailable: ["ServiceUnavailable", 503],
});

const LAMBDA = "/2015-03-31/functions";

export const SERVICES: Record<ServiceName, ServiceDefinition> = {
  iam: { protocol: awsQueryProtocol("iam"), regional: false, errors: { ...QUERY_ERRORS, serverError: ["ServiceFailure", 500] }, handle: handleIam },
  sts: { protocol: awsQueryProtocol("sts"), regional: false, errors: QUERY_ERRORS, handle: handleSts },
  organizations: {
    protocol: awsJsonProtocol({ version: "1.1", targetPrefix: ORGANIZATIONS_TARGET_PREFIX, messageKey: "Message" }),
    regional: false,
    errors: errors({ throttle: ["TooManyRequestsException", 400], serverError: ["ServiceException", 500] }),
    handle: handleOrganizations,
  },
  s3: {
    protocol: restXmlProtocol(
      [
        { method: "GET", path: /^\/$/, operation: "ListBuckets" },
        { method: "GET", path: /^\/(?<Bucket>[^/]+)\/?$/, flag: "policy", operation: "GetBucketPolicy" },
        { method: "GET", path: /^\/(?<Bucket>[^/]+)\/?$/, flag: "location", operation: "GetBucketLocation" },
      ],
      "http://s3.amazonaws.com/doc/2006-03-01/",
    ),
    regional: true,
    errors: errors({ throttle: ["SlowDown", 503], denied: ["AccessDenied", 403], invalidToken: ["InvalidAccessKeyId", 403], serverError: ["InternalError", 500], unavailable: ["ServiceUnavailable", 503] }),
    handle: handleS3,
  },
  kms: { protocol: awsJsonProtocol({ version: "1.1", targetPrefix: "TrentService." }), regional: true, errors: errors({ serverError: ["KMSInternalException", 500] }), handle: handleKms },
  sqs: {
    protocol: awsJsonProtocol({ version: "1.0", targetPrefix: "AmazonSQS.", queryErrorCodes: { QueueDoesNotExist: "AWS.SimpleQueueService.NonExistentQueue" } }),
    regional: true,
    errors: errors({ throttle: ["RequestThrottled", 400] }),
    handle: handleSqs,
  },
  sns: {
    protocol: awsQueryProtocol("sns"),
    regional: true,
    errors: { ...QUERY_ERRORS, throttle: ["Throttled", 429], denied: ["AuthorizationError", 403], serverError: ["InternalError", 500] },
    handle: handleSns,
  },
  lambda: {
    protocol: restJsonProtocol([
      { method: "GET", path: new RegExp(`^${LAMBDA}/?$`), operation: "ListFunctions" },
      { method: "GET", path: new RegExp(`^${LAMBDA}/(?<FunctionName>[^/]+)/policy/?$`), operation: "GetPolicy" },
    ]),
    regional: true,
    errors: errors({ throttle: ["TooManyRequestsException", 429], denied: ["AccessDeniedException", 403], invalidToken: ["UnrecognizedClientException", 403], serverError: ["ServiceException", 500] }),
    handle: handleLambda,
  },
  secretsmanager: { protocol: awsJsonProtocol({ version: "1.1", targetPrefix: "secretsmanager." }), regional: true, errors: errors({ serverError: ["InternalServiceError", 500] }), handle: handleSecretsManager },
  ecr: { protocol: awsJsonProtocol({ version: "1.1", targetPrefix: "AmazonEC2ContainerRegistry_V20150921." }), regional: true, errors: errors({ serverError: ["ServerException", 500] }), handle: handleEcr },
  ec2: {
    protocol: ec2Protocol,
    regional: true,
    errors: errors({ throttle: ["RequestLimitExceeded", 503], denied: ["UnauthorizedOperation", 403], invalidToken: ["AuthFailure", 401], serverError: ["InternalError", 500], unavailable: ["Unavailable", 503] }),
    handle: handleEc2,
  },
  rds: { protocol: awsQueryProtocol("rds"), regional: true, errors: QUERY_ERRORS, handle: handleRds },
  ram: {
    protocol: restJsonProtocol(
      ["GetResourceShareAssociations", "ListResourceSharePermissions", "GetResourceShares", "ListPrincipals", "ListResources"].map((operation) => ({
        method: "POST",
        path: new RegExp(`^/${operation.toLowerCase()}/?$`),
        operation,
      })),
    ),
    regional: true,
    errors: errors({ throttle: ["ThrottlingException", 429], denied: ["AccessDeniedException", 403], invalidToken: ["UnrecognizedClientException", 403], serverError: ["ServerInternalException", 500] }),
    handle: handleRam,
  },
  "access-analyzer": {
    protocol: restJsonProtocol([
      { method: "GET", path: /^\/analyzer\/?$/, operation: "ListAnalyzers" },
      { method: "POST", path: /^\/finding\/?$/, operation: "ListFindings" },
    ]),
    regional: true,
    errors: errors({ throttle: ["ThrottlingException", 429], denied: ["AccessDeniedException", 403], invalidToken: ["UnrecognizedClientException", 403], serverError: ["InternalServerException", 500] }),
    handle: handleAccessAnalyzer,
  },
};
