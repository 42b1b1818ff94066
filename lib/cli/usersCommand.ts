import { ZodError } from "zod";
import { AUDIT } from "../audit/auditEventKinds";
import { recordAudit } from "../audit/auditLog";
import { clearFailedSignIns } from "../auth/lockout";
import { createLocalUser, generatePassword, setPassword, updateUser, UserError } from "../auth/localUsers";
import { isRole } from "../auth/roles";
import { cliActor } from "./cliActor";
import { UsageError, type Command } from "./command";
import { withDatabase } from "./database";
import { table } from "./text";

async function readStdinPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

export const usersCommand: Command = {
  name: "users",
  help: `Usage: vendorscope users list
       vendorscope users add EMAIL --name NAME [--role viewer|admin] [--password-stdin]
       vendorscope users set-password EMAIL [--password-stdin]
       vendorscope users set-role EMAIL viewer|admin
       vendorscope users disable|enable EMAIL
       vendorscope users unlock EMAIL

  Without --password-stdin, a password is generated and printed once. Passwords are never
  taken from the command line, where other users of this machine could read them.
  Every change is recorded in the audit log as done by cli:$USER.

Options:
  --name NAME         with add: the user's name
  --role ROLE         with add: viewer (default) or admin
  --password-stdin    read the password from standard input
  -h, --help          show this help
`,
  options: { name: { type: "string" }, role: { type: "string" }, "password-stdin": { type: "boolean" } },
  positionals: { names: ["ACTION", "EMAIL", "ROLE"], required: 1 },
  async run(values, [subcommand, email, role], io) {
    if (subcommand === "list") {
      const users = await withDatabase((db) => db.prisma.appUser.findMany({ orderBy: { email: "asc" } }));
      io.stdout(table(["EMAIL", "NAME", "ROLE", "STATUS", "LAST SIGN-IN"], users.map((u) => [u.email, u.name, u.role, u.disabled ? "disabled" : "active", u.lastSignInAt?.toISOString() ?? "never"])));
      return 0;
    }
    if (!email) throw new UsageError(`${subcommand} needs EMAIL`);
    const password = async () => (values["password-stdin"] ? { value: await readStdinPassword(), shown: false } : { value: generatePassword(), shown: true });
    try {
      return await withDatabase(async (db) => {
        const find = async () => {
          const user = await db.prisma.appUser.findUnique({ where: { email: email.trim().toLowerCase() } });
          if (!user) throw new UserError(`no user ${email}`);
          return user;
        };
        const audit = (kind: typeof AUDIT.USER_CREATED | typeof AUDIT.USER_CHANGED, details: Record<string, unknown>) =>
          recordAudit(db.prisma, { action: kind, ...cliActor(), target: email.trim().toLowerCase(), details });
        switch (subcommand) {
          case "add": {
            const userRole = typeof values.role === "string" ? values.role : "viewer";
            if (!isRole(userRole)) throw new UsageError(`--role must be viewer or admin, not "${userRole}"`);
            if (typeof values.name !== "string") throw new UsageError("add needs --name NAME");
            const pw = await password();
            await createLocalUser(db.prisma, { email, name: values.name, role: userRole, password: pw.value });
            await audit(AUDIT.USER_CREATED, { role: userRole });
            io.stdout(`Added ${email.trim().toLowerCase()} (${userRole}).${pw.shown ? ` Password (shown once): ${pw.value}` : ""}\n`);
            return 0;
          }
          case "set-password": {
            const pw = await password();
            await setPassword(db.prisma, email, pw.value);
            await audit(AUDIT.USER_CHANGED, { password: "reset" });
            io.stdout(`New password set; ${email} is signed out everywhere.${pw.shown ? ` Password (shown once): ${pw.value}` : ""}\n`);
            return 0;
          }
          case "set-role": {
            if (!isRole(role)) throw new UsageError("set-role needs viewer or admin");
            await updateUser(db.prisma, (await find()).id, { role });
            await audit(AUDIT.USER_CHANGED, { role });
            io.stdout(`${email} is now ${role}.\n`);
            return 0;
          }
          case "disable":
          case "enable": {
            const disabled = subcommand === "disable";
            await updateUser(db.prisma, (await find()).id, { disabled });
            await audit(AUDIT.USER_CHANGED, { disabled });
            io.stdout(`${email} is ${disabled ? "disabled and signed out" : "enabled"}.\n`);
            return 0;
          }
          case "unlock": {
            await clearFailedSignIns(db.prisma, email);
            await audit(AUDIT.USER_CHANGED, { unlocked: true });
            io.stdout(`${email} may sign in again.\n`);
            return 0;
          }
          default:
            throw new UsageError(`unknown action "${subcommand}" (list, add, set-password, set-role, disable, enable, unlock)`);
        }
      });
    } catch (error) {
      if (error instanceof ZodError) throw new UsageError(error.issues[0]?.message ?? "invalid input");
      if (error instanceof UserError) {
        io.stderr(`vendorscope users: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
