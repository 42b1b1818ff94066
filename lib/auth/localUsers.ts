/**
 * Users of the dashboard, as admins and the CLI manage them. Local passwords are hashed with
 * better-auth's scrypt, the same hash sign-in verifies; the clear password is never stored.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import type { Db } from "../db/types";
import { clearFailedSignIns } from "./lockout";
import { ROLES, type Role } from "./roles";

export const CREDENTIAL_PROVIDER = "credential";
export const MIN_PASSWORD_LENGTH = 12;

/**
 * Characters no name may hold: control characters (C0, DEL, C1, so no CR/LF), line and paragraph
 * separators, zero-width characters and bidirectional controls (which can make a name read
 * backwards or hide what follows it in the audit log and the users page).
 */
const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const UNSAFE_NAME_CHARACTERS_ALL = new RegExp(UNSAFE_NAME_CHARACTERS.source, "g");
export const MAX_NAME_LENGTH = 100;

export const nameSchema = z
  .string()
  .trim()
  .min(1, "Give the user a name.")
  .max(MAX_NAME_LENGTH, `Names have at most ${MAX_NAME_LENGTH} characters.`)
  .refine((name) => !UNSAFE_NAME_CHARACTERS.test(name), "The name has control, invisible or bidirectional characters.");

/**
 * A name from somewhere we don't control (the single sign-on issuer's profile) made to fit the
 * same rules: unsafe characters dropped, whitespace runs collapsed, cut to the maximum length.
 */
export function cleanName(name: unknown, fallback: string): string {
  const cleaned = (typeof name === "string" ? name : "").replace(UNSAFE_NAME_CHARACTERS_ALL, " ").replace(/\s+/g, " ").trim();
  return [...(cleaned || fallback)].slice(0, MAX_NAME_LENGTH).join("").trim() || fallback.slice(0, MAX_NAME_LENGTH);
}

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address." })).pipe(z.string().max(320)),
  name: nameSchema,
  role: z.enum(ROLES),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`).max(256),
});
export type NewUser = z.infer<typeof newUserSchema>;

export class UserError extends Error {
  override name = "UserError";
}

export async function createLocalUser(db: Db, input: NewUser): Promise<{ id: string }> {
  const user = newUserSchema.parse(input);
  if (await db.appUser.findUnique({ where: { email: user.email } })) throw new UserError(`A user with the email ${user.email} exists already.`);
  const id = randomUUID();
  const password = await hashPassword(user.password);
  await db.appUser.create({
    data: {
      id,
      email: user.email,
      name: user.name,
      role: user.role,
      emailVerified: true,
      accounts: { create: { id: randomUUID(), accountId: id, providerId: CREDENTIAL_PROVIDER, password } },
    },
  });
  return { id };
}

export async function setPassword(db: Db, email: string, password: string): Promise<void> {
  const parsed = newUserSchema.shape.password.parse(password);
  const user = await db.appUser.findUnique({ where: { email: email.trim().toLowerCase() }, include: { accounts: true } });
  if (!user) throw new UserError(`No user ${email}.`);
  const hash = await hashPassword(parsed);
  const credential = user.accounts.find((a) => a.providerId === CREDENTIAL_PROVIDER);
  if (credential) await db.authAccount.update({ where: { id: credential.id }, data: { password: hash } });
  else await db.authAccount.create({ data: { id: randomUUID(), accountId: user.id, providerId: CREDENTIAL_PROVIDER, password: hash, userId: user.id } });
  // A new password ends every session that knew the old one.
  await db.authSession.deleteMany({ where: { userId: user.id } });
  await clearFailedSignIns(db, user.email);
}

/** Changes a user's role or disables them, refusing to leave the dashboard without an active admin. */
export async function updateUser(db: Db, id: string, change: { role?: Role; disabled?: boolean }): Promise<{ email: string }> {
  const user = await db.appUser.findUnique({ where: { id } });
  if (!user) throw new UserError("No such user.");
  const losesAdmin = user.role === "admin" && !user.disabled && (change.role === "viewer" || change.disabled === true);
  if (losesAdmin && (await db.appUser.count({ where: { role: "admin", disabled: false } })) <= 1) {
    throw new UserError("This is the last active admin: make someone else admin first.");
  }
  await db.appUser.update({ where: { id }, data: change });
  if (change.disabled) await db.authSession.deleteMany({ where: { userId: id } });
  return { email: user.email };
}

export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * The first admin, when there are no users yet: VENDORSCOPE_ADMIN_EMAIL (default
 * admin@vendorscope.local) with VENDORSCOPE_ADMIN_PASSWORD, or a generated password returned to be
 * shown once. Returns null when users exist already.
 */
export async function ensureFirstAdmin(db: Db, env: Record<string, string | undefined> = process.env): Promise<{ email: string; password: string | null } | null> {
  if ((await db.appUser.count()) > 0) return null;
  const email = (env.VENDORSCOPE_ADMIN_EMAIL || "admin@vendorscope.local").trim().toLowerCase();
  const given = env.VENDORSCOPE_ADMIN_PASSWORD;
  const password = given || generatePassword();
  try {
    await createLocalUser(db, { email, name: "Administrator", role: "admin", password });
  } catch (error) {
    if (error instanceof UserError) return null; // another process created it first
    throw error;
  }
  return { email, password: given ? null : password };
}
