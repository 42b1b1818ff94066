/**
 * The ec2 query protocol: form requests like awsQuery (lists numbered without `member`:
 * `OwnerId.1=self`), responses `<XResponse>` with a `requestId`, lowerCamel elements and
 * lists as `<item>`; errors as `<Response><Errors><Error>`.
 */
import { AwsApiError } from "./errors";
import { queryFields, structureQueryParams, toXml, xmlEscape } from "./queryProtocol";
import type { Protocol } from "./wire";

const NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

export const ec2Protocol: Protocol = {
  read(request) {
    const fields = queryFields(request);
    const operation = fields.get("Action");
    if (!operation) throw new AwsApiError("MissingAction", 400, "The request must contain the parameter Action");
    return { operation, params: structureQueryParams(fields) };
  },
  reply(operation, result, requestId) {
    const inner = toXml("x", { requestId, ...(result as Record<string, unknown>) }, "item").replace(/^<x>|<\/x>$/g, "");
    return { status: 200, contentType: "text/xml;charset=UTF-8", body: `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${NAMESPACE}">${inner}</${operation}Response>` };
  },
  error: (error, requestId) => ({
    status: error.status,
    contentType: "text/xml;charset=UTF-8",
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error></Errors><RequestID>${xmlEscape(requestId)}</RequestID></Response>`,
  }),
};
