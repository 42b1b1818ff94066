import { Td } from "./DataTable";
import { ShortName } from "./ShortName";

const SERVICE_LABEL: Record<string, string> = {
  s3: "S3 bucket",
  kms: "KMS key",
  sqs: "SQS queue",
  sns: "SNS topic",
  lambda: "Lambda function",
  secretsmanager: "Secret",
  ecr: "ECR repository",
  "ebs-snapshot": "EBS snapshot",
  ami: "AMI",
  "rds-snapshot": "RDS snapshot",
  ram: "RAM share",
};

/** Cells every resource-grant table shares: what the resource is, and what the grant allows. */
export function ResourceCell({ service, arn, region }: { service: string; arn: string; region: string | null }) {
  return (
    <Td className="min-w-[12rem] max-w-sm">
      <span className="block whitespace-nowrap text-xs font-medium text-slate-600">
        {SERVICE_LABEL[service] ?? service}
        {region ? <span className="font-normal text-slate-500"> · {region}</span> : null}
      </span>
      <ShortName value={arn} />
    </Td>
  );
}

/** The granted actions: all of them when few, else how many with the first ones. */
export function ActionsCell({ actions, source }: { actions: readonly string[]; source: string }) {
  const shown = actions.slice(0, 3);
  return (
    <Td className="min-w-[10rem] max-w-xs">
      {actions.length === 0 ? (
        <span className="text-slate-500">{source === "share" ? "shared" : "none"}</span>
      ) : (
        <span className="[overflow-wrap:anywhere] font-mono text-xs" title={actions.join(" ")}>
          {shown.join(", ")}
          {actions.length > shown.length ? <span className="font-sans text-slate-500"> and {actions.length - shown.length} more</span> : null}
        </span>
      )}
    </Td>
  );
}
