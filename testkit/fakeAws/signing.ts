/**
 * Reads who signed a request and for which service from its SigV4 `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, …`). Signatures are
 * not verified.
 */

export interface SigningScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

export function parseAuthorization(header: string | undefined): SigningScope | null {
  if (!header || !header.startsWith("AWS4-HMAC-SHA256")) return null;
  const match = CREDENTIAL.exec(header);
  if (!match) return null;
  return { accessKeyId: match[1]!, date: match[2]!, region: match[3]!, service: match[4]! };
}
