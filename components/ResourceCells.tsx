import type { FindingCode } from "@/lib/analysis/findings";
import type { Risk } from "@/lib/analysis/risk";
import { conditionKeys } from "@/lib/analysis/policyDocument";
import Link from "next/link";
import { breakableParts, Td } from "./DataTable";
import { FindingList } from "./FindingBadge";
import { RiskBadge } from "./RiskBadge";
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
  efs: "EFS file system",
  dynamodb: "DynamoDB table",
  "lambda-layer": "Lambda layer",
  s3express: "S3 directory bucket",
};

/** Cells every resource-grant table shares: what the resource is, and what the grant allows. */
export function ResourceCell({ service, arn, region, source }: { service: string; arn: string; region: string | null; source?: string }) {
  return (
    <Td className="min-w-[12rem] max-w-sm">
      <span className="block whitespace-nowrap text-xs font-medium text-slate-600">
        {SERVICE_LABEL[service] ?? service}
        {region ? <span className="font-normal text-slate-500"> · {region}</span> : null}
      </span>
      {source === "access-analyzer" ? <span className="block whitespace-nowrap text-xs text-slate-500">reported by Access Analyzer</span> : null}
      <ShortName value={arn} />
    </Td>
  );
}

/** The granted actions, one per line, breaking only after the service: all when few, else how many more. */
export function ActionsCell({ actions, source }: { actions: readonly string[]; source: string }) {
  const shown = actions.slice(0, 3);
  return (
    <Td className="min-w-[13rem] max-w-xs">
      {actions.length === 0 ? (
        <span className="text-slate-500">{source === "share" ? "shared" : "none"}</span>
      ) : (
        <span className="font-mono text-xs" title={actions.join(" ")}>
          {shown.map((action) => (
            <span key={action} className="block">
              {breakableParts(action)}
            </span>
          ))}
          {actions.length > shown.length ? <span className="block font-sans text-slate-500">and {actions.length - shown.length} more</span> : null}
        </span>
      )}
    </Td>
  );
}

/** The condition keys a grant requires ("conditions: kms:ViaService"), under its principal. */
export function ConditionsNote({ conditions }: { conditions: unknown }) {
  const keys = conditionKeys(conditions);
  if (keys.length === 0) return null;
  return <span className="block text-xs text-slate-500 [overflow-wrap:anywhere]">conditions: {keys.join(", ")}</span>;
}

/** What a resource grant is, who holds it and how risky it is: the cells every resource-grant table shares. */
export function ResourceGrantCells({ grant }: { grant: { service: string; resourceArn: string; region: string | null; principal: string; conditions?: unknown; actions: readonly string[]; source: string; risk: Risk; findings: FindingCode[] } }) {
  return (
    <>
      <ResourceCell service={grant.service} arn={grant.resourceArn} region={grant.region} source={grant.source} />
      <Td className="min-w-[12rem] max-w-xs">
        <ShortName value={grant.principal} />
        <ConditionsNote conditions={grant.conditions} />
      </Td>
      <ActionsCell actions={grant.actions} source={grant.source} />
      <Td className="risk-col">
        <RiskBadge risk={grant.risk} />
      </Td>
      <Td>
        <FindingList codes={grant.findings} />
      </Td>
    </>
  );
}

/** How many resource grants a party holds, linking to them (a grey 0 when none). */
export function ResourceCountCell({ party, count }: { party: string; count: number }) {
  return (
    <Td>
      {count ? (
        <Link href={`/resources?party=${encodeURIComponent(party)}`} className="underline">
          {count}
        </Link>
      ) : (
        <span className="text-slate-500">0</span>
      )}
    </Td>
  );
}
