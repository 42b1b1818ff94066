import { vendorListMeta } from "../db/vendorStore";
import { runDoctor, type DoctorStep } from "../onboarding/doctor";
import { scanSettings } from "../onboarding/doctorSettings";
import type { Command } from "./command";
import { withDatabase } from "./database";

const MARK: Record<DoctorStep["status"], string> = { ok: "ok  ", warn: "WARN", fail: "FAIL", skipped: "skip" };

export function formatDoctorStep(step: DoctorStep): string {
  const lines = [`[${MARK[step.status]}] ${step.title}: ${step.detail}`];
  for (const account of step.accounts ?? []) lines.push(`         ${account.accountId}${account.name ? ` (${account.name})` : ""}: ${account.problem}`);
  if (step.fix) lines.push(`         fix: ${step.fix}`);
  return lines.join("\n") + "\n";
}

export const doctorCommand: Command = {
  name: "doctor",
  help: `Usage: vendorscope doctor [--role-name NAME] [--external-id VALUE] [--region REGION] [--json]

Checks what a scan needs, in order: AWS credentials (which identity); Organizations readable
(management account or delegated administrator); the member role assumable in every account
(the ones that fail, and why); IAM read permissions in every account; the known vendor list.
Only read-only calls. Exit status 0 when nothing failed (warnings allowed), 1 otherwise.

Options:
  --role-name NAME      member role (default: VENDORSCOPE_MEMBER_ROLE or OrganizationAccountAccessRole)
  --external-id VALUE   its ExternalId (default: VENDORSCOPE_EXTERNAL_ID)
  --region REGION       region for STS (default: AWS_REGION or us-east-1)
  --json                print the report as JSON
  -h, --help            show this help
`,
  options: { "role-name": { type: "string" }, "external-id": { type: "string" }, region: { type: "string" }, json: { type: "boolean" } },
  positionals: { names: [], required: 0 },
  async run(values, _positionals, io) {
    const str = (key: string) => (typeof values[key] === "string" ? (values[key] as string) : undefined);
    const vendorList = await withDatabase((db) => vendorListMeta(db.prisma));
    const diagnosis = await runDoctor({ ...scanSettings({ roleName: str("role-name"), externalId: str("external-id"), region: str("region") }), vendorList });
    if (values.json) io.stdout(JSON.stringify(diagnosis, null, 2) + "\n");
    else {
      for (const step of diagnosis.steps) io.stdout(formatDoctorStep(step));
      io.stdout(diagnosis.ok ? "\nReady to scan: npx vendorscope scan\n" : "\nFix the failures above, then run 'npx vendorscope doctor' again.\n");
    }
    return diagnosis.ok ? 0 : 1;
  },
};
