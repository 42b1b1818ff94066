/** Server actions' input: FormData checked against a zod schema, with one readable message on failure. */
import { z } from "zod";

export type FormResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !key.startsWith("$ACTION")) fields[key] = value;
  const parsed = schema.safeParse(fields);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
}

/** A name typed by an admin: 1–100 characters, no control characters. */
export const displayName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Give the ${what} a name of 1 to 100 characters.`)
    .max(100, `Give the ${what} a name of 1 to 100 characters.`)
    .regex(/^[^\u0000-\u001f\u007f]*$/, `The ${what}'s name has control characters.`);

export const withError = (path: string, error: string) => `${path}${path.includes("?") ? "&" : "?"}error=${encodeURIComponent(error)}`;
