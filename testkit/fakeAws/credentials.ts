/**
 * Access keys and who they belong to: the management ("base") key pair, and the temporary
 * credentials AssumeRole issues, each mapped to the account and role it was issued for. A key
 * the fake did not issue belongs to the base account.
 */
import { randomBytes } from "node:crypto";
import { idFor, UPPER_ALNUM } from "./prng";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export interface Caller {
  accountId: string;
  arn: string;
  userId: string;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

interface Issued {
  caller: Caller;
  sessionToken: string;
}

export class CredentialStore {
  readonly management: { accessKeyId: string; secretAccessKey: string };
  private readonly base: Caller;
  private readonly issued = new Map<string, Issued>();

  constructor(baseAccountId: string) {
    this.management = { accessKeyId: `AKIA${randomText(BASE32, 16)}`, secretAccessKey: randomSecret(40) };
    this.base = {
      accountId: baseAccountId,
      arn: `arn:aws:iam::${baseAccountId}:user/vendorscope-scanner`,
      userId: `AIDA${idFor(UPPER_ALNUM, 17, "user", baseAccountId)}`,
    };
  }

  /** Who signs with this key; `sessionToken` is set for keys the fake issued. */
  resolve(accessKeyId: string): { caller: Caller; sessionToken?: string } {
    const issued = this.issued.get(accessKeyId);
    return issued ? { caller: issued.caller, sessionToken: issued.sessionToken } : { caller: this.base };
  }

  issue(accountId: string, roleName: string, sessionName: string, durationSeconds: number): IssuedCredentials & { caller: Caller } {
    const accessKeyId = `ASIA${randomText(BASE32, 16)}`;
    const caller: Caller = {
      accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
      userId: `${roleIdFor(accountId, roleName)}:${sessionName}`,
    };
    const credentials = {
      accessKeyId,
      secretAccessKey: randomSecret(40),
      sessionToken: `FQoGZXIvYXdzE${randomBytes(96).toString("base64")}`,
      expiration: new Date(Date.now() + durationSeconds * 1000),
    };
    this.issued.set(accessKeyId, { caller, sessionToken: credentials.sessionToken });
    return { ...credentials, caller };
  }
}

/** A stable role id (AROA…) for a role the fake knows only by name. */
export function roleIdFor(accountId: string, roleName: string): string {
  return `AROA${idFor(UPPER_ALNUM, 17, "role", accountId, roleName)}`;
}

function randomText(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

function randomSecret(length: number): string {
  return randomBytes(length).toString("base64").replace(/[^A-Za-z0-9]/g, "").padEnd(length, "x").slice(0, length);
}
