/**
 * What makes a granted permission risky in a third party's hands, kept in one place.
 * Each list is data; `RiskLists` resolves it against the action catalog once.
 */
import type { ActionCatalog } from "./actionCatalog";
import type { ActionSet } from "./actionSet";

export interface EscalationMethod {
  id: string;
  /** Every one of these must be granted for the method to work. */
  actions: string[];
  description: string;
}

/**
 * The published IAM privilege-escalation methods (Rhino Security Labs, Bishop Fox), as
 * combinations of actions that together let a principal give itself more access.
 */
export const PRIVILEGE_ESCALATION_METHODS: readonly EscalationMethod[] = [
  { id: "CreatePolicyVersion", actions: ["iam:CreatePolicyVersion"], description: "Write a new default version of a managed policy it is attached to." },
  { id: "SetDefaultPolicyVersion", actions: ["iam:SetDefaultPolicyVersion"], description: "Switch a policy to an older, broader version." },
  { id: "CreateAccessKey", actions: ["iam:CreateAccessKey"], description: "Create access keys for another, more privileged IAM user." },
  { id: "CreateLoginProfile", actions: ["iam:CreateLoginProfile"], description: "Give another IAM user a console password and sign in as them." },
  { id: "UpdateLoginProfile", actions: ["iam:UpdateLoginProfile"], description: "Reset another IAM user's console password." },
  { id: "AttachUserPolicy", actions: ["iam:AttachUserPolicy"], description: "Attach any managed policy, such as AdministratorAccess, to a user." },
  { id: "AttachGroupPolicy", actions: ["iam:AttachGroupPolicy"], description: "Attach any managed policy to a group." },
  { id: "AttachRolePolicy", actions: ["iam:AttachRolePolicy"], description: "Attach any managed policy to a role, including its own." },
  { id: "PutUserPolicy", actions: ["iam:PutUserPolicy"], description: "Write an arbitrary inline policy on a user." },
  { id: "PutGroupPolicy", actions: ["iam:PutGroupPolicy"], description: "Write an arbitrary inline policy on a group." },
  { id: "PutRolePolicy", actions: ["iam:PutRolePolicy"], description: "Write an arbitrary inline policy on a role, including its own." },
  { id: "AddUserToGroup", actions: ["iam:AddUserToGroup"], description: "Add a user to a more privileged group." },
  { id: "UpdateAssumeRolePolicy", actions: ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], description: "Rewrite a privileged role's trust policy and assume it." },
  { id: "PassRole+RunInstances", actions: ["iam:PassRole", "ec2:RunInstances"], description: "Launch an instance with a privileged instance profile and use its credentials." },
  { id: "PassRole+Lambda+Invoke", actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], description: "Create a function running as a privileged role and invoke it." },
  { id: "PassRole+Lambda+EventSource", actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"], description: "Create a function running as a privileged role and trigger it from an event source." },
  { id: "UpdateFunctionCode", actions: ["lambda:UpdateFunctionCode"], description: "Replace the code of an existing function that runs as a privileged role." },
  { id: "PassRole+Glue", actions: ["iam:PassRole", "glue:CreateDevEndpoint"], description: "Create a Glue development endpoint with a privileged role and log in to it." },
  { id: "UpdateDevEndpoint", actions: ["glue:UpdateDevEndpoint"], description: "Add an SSH key to an existing Glue endpoint that has a privileged role." },
  { id: "PassRole+CloudFormation", actions: ["iam:PassRole", "cloudformation:CreateStack"], description: "Create a stack that runs as a privileged role and creates anything." },
  { id: "PassRole+DataPipeline", actions: ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"], description: "Run commands through a data pipeline with a privileged role." },
  { id: "PassRole+SageMakerNotebook", actions: ["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], description: "Open a notebook that runs as a privileged role." },
  { id: "SageMakerPresignedUrl", actions: ["sagemaker:CreatePresignedNotebookInstanceUrl"], description: "Open an existing notebook instance that runs as a privileged role." },
  { id: "PassRole+CodeBuild", actions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"], description: "Run a build as a privileged service role." },
  { id: "PassRole+ECS", actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"], description: "Run a container task with a privileged task role." },
  { id: "SSMSendCommand", actions: ["ssm:SendCommand"], description: "Run commands on instances and take their instance-profile credentials." },
];

/** Verbs whose Write actions destroy, stop or take away something. */
export const DESTRUCTIVE_VERBS: readonly string[] = [
  "Delete", "Terminate", "Stop", "Remove", "Destroy", "Purge", "Deregister", "Disable", "Detach", "Revoke", "Cancel", "Reject", "Reset",
];

/** Destructive actions that the verbs above miss. */
export const DESTRUCTIVE_ACTIONS: readonly string[] = [
  "kms:ScheduleKeyDeletion",
  "s3:PutLifecycleConfiguration",
  "s3:PutBucketPolicy",
  "ec2:ModifyInstanceAttribute",
  "rds:ModifyDBInstance",
  "backup:UpdateBackupPlan",
  "organizations:LeaveOrganization",
];

/** Actions that start paid capacity: a breached vendor can run up the bill (mining, LLM abuse). */
export const COST_IMPACT_ACTIONS: readonly string[] = [
  "ec2:RunInstances", "ec2:RequestSpotInstances", "ec2:RequestSpotFleet", "ec2:CreateFleet", "ec2:AllocateHosts",
  "ec2:PurchaseReservedInstancesOffering", "ec2:PurchaseHostReservation", "ec2:ModifyInstanceAttribute",
  "autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup", "autoscaling:SetDesiredCapacity",
  "ecs:RunTask", "ecs:CreateService", "ecs:UpdateService", "eks:CreateCluster", "eks:CreateNodegroup",
  "batch:SubmitJob", "elasticmapreduce:RunJobFlow", "lightsail:CreateInstances", "gamelift:CreateFleet",
  "sagemaker:CreateTrainingJob", "sagemaker:CreateNotebookInstance", "sagemaker:CreateEndpoint",
  "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateTransformJob",
  "rds:CreateDBInstance", "rds:CreateDBCluster", "redshift:CreateCluster", "elasticache:CreateCacheCluster",
  "elasticache:CreateReplicationGroup", "es:CreateDomain", "glue:CreateDevEndpoint",
  "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:CreateProvisionedModelThroughput",
  "savingsplans:CreateSavingsPlan", "route53domains:RegisterDomain",
];

/** Actions that read the data itself (objects, secrets, parameters, rows, messages), not metadata. */
export const DATA_ACCESS_ACTIONS: readonly string[] = [
  "s3:GetObject", "s3:GetObjectVersion", "secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue",
  "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory",
  "kms:Decrypt", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan",
  "dynamodb:ExportTableToPointInTime", "rds-data:ExecuteStatement", "redshift-data:GetStatementResult",
  "athena:GetQueryResults", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery",
  "sqs:ReceiveMessage", "sns:Subscribe", "kinesis:GetRecords", "ec2:GetPasswordData", "lambda:GetFunction",
  "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "codecommit:GitPull", "glacier:GetJobOutput",
  "ebs:GetSnapshotBlock", "rds:DownloadDBLogFilePortion", "ssm:GetDocument",
  // Kinds known from Access Analyzer: mounting a file system, a table's stream, a layer's code, a directory bucket's session.
  "elasticfilesystem:ClientMount", "dynamodb:GetRecords", "lambda:GetLayerVersion", "s3express:CreateSession",
];

/** The lists above resolved against one action catalog. */
export class RiskLists {
  readonly destructive: ActionSet;
  readonly costImpact: ActionSet;
  readonly dataAccess: ActionSet;
  readonly write: ActionSet;
  readonly escalation: { id: string; actions: ActionSet }[];
  /** Per escalation method, the words of its action set that are not zero (a method needs a handful of actions). */
  private readonly escalationWords: { id: string; words: Int32Array; masks: Int32Array }[];

  constructor(readonly catalog: ActionCatalog) {
    const destructiveByVerb = catalog.empty();
    const write = catalog.empty();
    const verb = new RegExp(`^(${DESTRUCTIVE_VERBS.join("|")})`);
    for (let i = 0; i < catalog.size; i++) {
      const isWrite = catalog.hasAccessLevel(i, "Write") || catalog.hasAccessLevel(i, "Permissions management");
      if (!isWrite) continue;
      write.add(i);
      const name = catalog.name(i);
      if (verb.test(name.slice(name.indexOf(":") + 1))) destructiveByVerb.add(i);
    }
    this.write = write;
    this.destructive = destructiveByVerb.union(catalog.setOf(DESTRUCTIVE_ACTIONS));
    this.costImpact = catalog.setOf(COST_IMPACT_ACTIONS);
    this.dataAccess = catalog.setOf(DATA_ACCESS_ACTIONS);
    this.escalation = PRIVILEGE_ESCALATION_METHODS.map((m) => ({ id: m.id, actions: catalog.setOf(m.actions) }));
    this.escalationWords = this.escalation.map(({ id, actions }) => {
      const used = [...actions.words.keys()].filter((w) => actions.words[w] !== 0);
      return { id, words: Int32Array.from(used), masks: Int32Array.from(used.map((w) => actions.words[w]!)) };
    });
  }

  /** The escalation methods whose every action is in `granted`. */
  escalationMethods(granted: ActionSet): string[] {
    const held = granted.words;
    const ids: string[] = [];
    for (const { id, words, masks } of this.escalationWords) {
      let all = true;
      for (let i = 0; i < words.length && all; i++) all = (masks[i]! & ~held[words[i]!]!) === 0;
      if (all) ids.push(id);
    }
    return ids;
  }
}
