"use server";
/** Managing the dashboard's users (admin only; every change audited). */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AUDIT } from "@/lib/audit/auditEventKinds";
import { recordAudit } from "@/lib/audit/auditLog";
import { requireAdmin } from "@/lib/auth/access";
import { clearFailedSignIns } from "@/lib/auth/lockout";
import { createLocalUser, newUserSchema, setPassword, updateUser, UserError } from "@/lib/auth/localUsers";
import { ROLES } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/server";
import { parseForm, withError } from "@/lib/web/formInput";

const PAGE = "/settings/users";

async function attempt(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof UserError) redirect(withError(PAGE, error.message));
    throw error;
  }
}

export async function createUser(formData: FormData): Promise<void> {
  const { actor } = await requireAdmin("createUser");
  const input = parseForm(newUserSchema, formData);
  if (!input.ok) redirect(withError(PAGE, input.error));
  const db = await prisma();
  await attempt(async () => {
    await createLocalUser(db, input.value);
  });
  await recordAudit(db, { action: AUDIT.USER_CREATED, ...actor, target: input.value.email, details: { role: input.value.role } });
  revalidatePath(PAGE);
  redirect(`${PAGE}?saved=1`);
}

const changeInput = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(ROLES).optional(),
  disabled: z.enum(["true", "false"]).optional(),
});

export async function changeUser(formData: FormData): Promise<void> {
  const { user: admin, actor } = await requireAdmin("changeUser");
  const input = parseForm(changeInput, formData);
  if (!input.ok) redirect(withError(PAGE, input.error));
  const { userId, role, disabled } = input.value;
  const change = { ...(role ? { role } : {}), ...(disabled ? { disabled: disabled === "true" } : {}) };
  if (userId === admin.id && change.disabled) redirect(withError(PAGE, "You cannot disable yourself."));
  const db = await prisma();
  let email = "";
  await attempt(async () => {
    email = (await updateUser(db, userId, change)).email;
  });
  await recordAudit(db, { action: AUDIT.USER_CHANGED, ...actor, target: email, details: change });
  revalidatePath(PAGE);
  redirect(`${PAGE}?saved=1`);
}

const passwordInput = z.object({ email: z.string().trim().toLowerCase().max(320), password: newUserSchema.shape.password });

export async function resetPassword(formData: FormData): Promise<void> {
  const { actor } = await requireAdmin("resetPassword");
  const input = parseForm(passwordInput, formData);
  if (!input.ok) redirect(withError(PAGE, input.error));
  const db = await prisma();
  await attempt(() => setPassword(db, input.value.email, input.value.password));
  await recordAudit(db, { action: AUDIT.USER_CHANGED, ...actor, target: input.value.email, details: { password: "reset" } });
  redirect(`${PAGE}?saved=1`);
}

const unlockInput = z.object({ email: z.string().trim().toLowerCase().min(1).max(320) });

export async function unlockSignIn(formData: FormData): Promise<void> {
  const { actor } = await requireAdmin("unlockSignIn");
  const input = parseForm(unlockInput, formData);
  if (!input.ok) redirect(withError(PAGE, input.error));
  const db = await prisma();
  await clearFailedSignIns(db, input.value.email);
  await recordAudit(db, { action: AUDIT.USER_CHANGED, ...actor, target: input.value.email, details: { unlocked: true } });
  revalidatePath(PAGE);
  redirect(`${PAGE}?saved=1`);
}
