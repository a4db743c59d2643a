// The traffic track's part of the plan file, as zod schemas: a stack's service (the name users resolve, how its
// requests are split between the data center and AWS, where the AWS side runs) and a wave's progressive shift (the
// steps, their pauses, the analysis at each step, what an abort returns to). docs/design/traffic.md has the model.
//
// The steps belong to the wave: a wave's services move in lock-step (one step for all, any failed analysis aborts
// all), so a cutover's story is one sequence of percentages. A service may tighten or relax the analysis's
// thresholds for itself (`analysis`: a slow report service is not a fast shop front).
//
//   stacks:
//     - name: app1701
//       project: platform-production
//       traffic:
//         service: shop.example.com
//         split: route53
//         route53: { zoneId: Z0123456789ABCDEFGHIJ }
//         dataCenter: { addresses: [172.20.7.11] }
//         aws: { ec2: {} }
//   waves:
//     - id: wave-7
//       traffic: { steps: [5, 25, 50, 100], pauseSeconds: 300 }
//       cutover: { runbook: [ { id: shift, name: Shift traffic, action: { type: traffic-shift } } ] }
import { isIP } from 'node:net';
import { z } from 'zod';
import type { StackEntry, WaveEntry } from '../../plan/schema';

/** A fully qualified host name: two or more labels of letters, digits and inner hyphens; the last one not all digits. */
export function isHostName(value: string): boolean {
  const name = value.replace(/\.$/, '');
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1]!);
}

const HostName = z
  .string()
  .refine(isHostName, { error: 'expected a fully qualified host name such as shop.example.com' })
  .transform((name) => name.replace(/\.$/, '').toLowerCase());

/** An IPv4 address or a fully qualified host name (the data center's endpoint). */
const Address = z
  .string()
  .refine((value) => isIP(value) === 4 || isHostName(value), { error: 'expected an IPv4 address (172.20.7.11) or a fully qualified host name' });

const Port = z.number().int().min(1, { error: 'expected a port, 1–65535' }).max(65_535, { error: 'expected a port, 1–65535' });

/** A Route 53 hosted zone id as the console shows it (Z0123456789ABCDEFGHIJ); `/hostedzone/` in front is accepted. */
const ZoneId = z
  .string()
  .regex(/^(\/hostedzone\/)?Z[A-Z0-9]{1,31}$/, { error: 'expected a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ' })
  .transform((id) => id.replace(/^\/hostedzone\//, ''));

const Seconds = (min: number, max: number) =>
  z
    .number()
    .int({ error: 'expected whole seconds' })
    .min(min, { error: `expected at least ${min} seconds` })
    .max(max, { error: `expected at most ${max} seconds` });

/** Another stack's output holding the shared cluster's kubeconfig: `<organization>/<project>/<stack>`. */
const StackReferenceName = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
  error: 'expected the cluster stack as <organization>/<project>/<stack>, e.g. core/eks-shared/production',
});
const OutputName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected a stack output name, e.g. kubeconfig' });
const KubernetesName = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, {
  error: 'expected a Kubernetes name: lowercase letters, digits and inner "-", at most 63 characters',
});

/** The application on the core team's shared EKS cluster (docs/design/traffic.md, "AWS side"). */
export const EksSide = z.strictObject({
  clusterStack: StackReferenceName,
  kubeconfigOutput: OutputName.default('kubeconfig'),
  namespace: KubernetesName,
  image: z.string().regex(/^[^\s]+$/, { error: 'expected a container image reference such as registry.example.com/shop:1.4.2' }),
  replicas: z.number().int().min(1).max(100).default(2),
  containerPort: Port.default(8080),
});

/** Where the AWS side runs: the stack's application server (`ec2: {}`) or pods on the shared cluster (`eks`). */
export const AwsSide = z.strictObject({ ec2: z.strictObject({}).optional(), eks: EksSide.optional() }).superRefine((aws, context) => {
  if ((aws.ec2 === undefined) === (aws.eks === undefined))
    context.addIssue({ code: 'custom', message: 'expected exactly one of ec2: {} or eks: { clusterStack, namespace, image, … }' });
});

/** Thresholds of one measurement (one CloudWatch period of the AWS side's target group). */
const ANALYSIS_FIELDS = {
  /** 5xx responses of the AWS targets, in percent of their requests. */
  max5xxPercent: z.number().min(0).max(100),
  /** The AWS targets' mean response time. */
  maxResponseTimeMs: z.number().int().min(1).max(120_000),
  /** The AWS target group's healthy targets, at their lowest in the period. */
  minHealthyHosts: z.number().int().min(1, { error: 'expected at least 1: a step with no healthy AWS target sends users nowhere' }).max(1000),
  /** Its unhealthy targets, at their highest. */
  maxUnhealthyHosts: z.number().int().min(0).max(1000),
  /** Fewer requests than this make a measurement inconclusive (a percentage of three requests decides nothing). */
  minRequests: z.number().int().min(0).max(10_000_000),
} as const;

export const AnalysisDefaults = {
  intervalSeconds: 60,
  max5xxPercent: 1,
  maxResponseTimeMs: 1000,
  minHealthyHosts: 1,
  maxUnhealthyHosts: 0,
  minRequests: 20,
  failureLimit: 0,
} as const;

export const AnalysisSchema = z.strictObject({
  /** One measurement per interval: whole minutes, as CloudWatch's ALB metrics have them. */
  intervalSeconds: Seconds(60, 3600)
    .refine((seconds) => seconds % 60 === 0, { error: 'expected whole minutes (60, 120, …): the ALB publishes its metrics per minute' })
    .default(AnalysisDefaults.intervalSeconds),
  max5xxPercent: ANALYSIS_FIELDS.max5xxPercent.default(AnalysisDefaults.max5xxPercent),
  maxResponseTimeMs: ANALYSIS_FIELDS.maxResponseTimeMs.default(AnalysisDefaults.maxResponseTimeMs),
  minHealthyHosts: ANALYSIS_FIELDS.minHealthyHosts.default(AnalysisDefaults.minHealthyHosts),
  maxUnhealthyHosts: ANALYSIS_FIELDS.maxUnhealthyHosts.default(AnalysisDefaults.maxUnhealthyHosts),
  minRequests: ANALYSIS_FIELDS.minRequests.default(AnalysisDefaults.minRequests),
  /** Failed measurements a step tolerates: one more aborts the shift. */
  failureLimit: z.number().int().min(0).max(100).default(AnalysisDefaults.failureLimit),
});

/** A service's own thresholds over its wave's (only the measurement's; the rhythm is the wave's). */
export const AnalysisOverride = z.strictObject({
  max5xxPercent: ANALYSIS_FIELDS.max5xxPercent.optional(),
  maxResponseTimeMs: ANALYSIS_FIELDS.maxResponseTimeMs.optional(),
  minHealthyHosts: ANALYSIS_FIELDS.minHealthyHosts.optional(),
  maxUnhealthyHosts: ANALYSIS_FIELDS.maxUnhealthyHosts.optional(),
  minRequests: ANALYSIS_FIELDS.minRequests.optional(),
});

export const SPLITS = ['route53', 'alb'] as const;
export type Split = (typeof SPLITS)[number];

export const TrafficStackSchema = z.strictObject({
  /** The name users resolve: the weighted records' name (route53), the name that points at the load balancer (alb). */
  service: HostName,
  split: z.enum(SPLITS, { error: `expected one of ${SPLITS.join(', ')}` }).default('route53'),
  /** The hosted zone of `service` (route53 only). */
  route53: z.strictObject({ zoneId: ZoneId, ttl: Seconds(0, 86_400).default(60) }).optional(),
  /** The data center's endpoint: the record values (route53), the on-premises target group's IP targets (alb). */
  dataCenter: z.strictObject({
    addresses: z.array(Address).min(1, { error: "expected the data center's addresses, at least one" }),
    port: Port.default(443),
  }),
  aws: AwsSide,
  /** The load balancer's listener port and the AWS targets' port. */
  port: Port.default(80),
  healthCheckPath: z
    .string()
    .regex(/^\/[\x21-\x7e]*$/, { error: 'expected a path of printable ASCII characters starting with "/", e.g. /healthz' })
    .default('/healthz'),
  scheme: z.enum(['internal', 'internet-facing'], { error: 'expected internal or internet-facing' }).default('internal'),
  analysis: AnalysisOverride.optional(),
});

const Percent = z
  .number()
  .int({ error: 'expected a whole percent' })
  .min(1, { error: 'expected a percent of requests to AWS, 1–100' })
  .max(100, { error: 'expected a percent of requests to AWS, 1–100' });

/** A step: a percent (the wave's pause), or `{ percent, pauseSeconds }`. */
export const StepSchema = z.union([Percent, z.strictObject({ percent: Percent, pauseSeconds: Seconds(0, 86_400).optional() })], {
  error: 'expected a percent (25) or { percent: 25, pauseSeconds: 600 }',
});

export const TrafficWaveSchema = z.strictObject({
  steps: z.array(StepSchema).min(1, { error: 'expected at least one step' }).default([5, 25, 50, 100]),
  /** How long each step is analysed before it promotes (a step may say its own). */
  pauseSeconds: Seconds(0, 86_400).default(300),
  /** Where a failed analysis returns the weights: to 0 % (all users in the data center) or to the last step that passed. */
  onFailure: z.enum(['zero', 'last-good'], { error: 'expected zero or last-good' }).default('zero'),
  /** How long a weight change may take to be in sync (Route 53 INSYNC) before the step fails. */
  changeTimeoutSeconds: Seconds(10, 3600).default(300),
  analysis: AnalysisSchema.default(AnalysisSchema.parse({})),
});

/** Shifts the wave's services step by step; `stacks` narrows it to some of them (all with `traffic` when left out). */
export const ShiftAction = z.strictObject({
  type: z.literal('traffic-shift'),
  stacks: z.array(z.string().min(1)).min(1, { error: 'expected at least one stack name (leave out `stacks` for all of the wave’s services)' }).optional(),
});

export type Shift = z.output<typeof ShiftAction>;
export type TrafficStack = z.output<typeof TrafficStackSchema>;
export type TrafficWaveSettings = z.output<typeof TrafficWaveSchema>;
export type Analysis = z.output<typeof AnalysisSchema>;
export type ShiftStep = { readonly percent: number; readonly pauseSeconds: number };

export const TRAFFIC_STACK_SHAPE = { traffic: TrafficStackSchema.optional() };
export const TRAFFIC_WAVE_SHAPE = { traffic: TrafficWaveSchema.optional() };

export type TrafficStackFields = z.output<z.ZodObject<typeof TRAFFIC_STACK_SHAPE>>;
export type TrafficWaveFields = z.output<z.ZodObject<typeof TRAFFIC_WAVE_SHAPE>>;

// Typed reads: a plan read with this part's grammar has these fields, defaults applied (main/plan knows no track).
export const trafficOf = <T extends StackEntry>(stack: T): T & TrafficStackFields => stack as T & TrafficStackFields;
export const trafficOfWave = <T extends Omit<WaveEntry, 'stacks'>>(wave: T): T & TrafficWaveFields => wave as T & TrafficWaveFields;

/** A wave's settings when it says none. */
export const DEFAULT_TRAFFIC_WAVE: TrafficWaveSettings = TrafficWaveSchema.parse({});

/** The wave's settings with their defaults, whether or not the wave says any. */
export function waveSettingsOf(wave: Omit<WaveEntry, 'stacks'> | undefined): TrafficWaveSettings {
  return (wave && trafficOfWave(wave).traffic) ?? DEFAULT_TRAFFIC_WAVE;
}

/** The wave's steps, each with its pause. */
export function stepsOf(settings: TrafficWaveSettings): ShiftStep[] {
  return settings.steps.map((step) =>
    typeof step === 'number'
      ? { percent: step, pauseSeconds: settings.pauseSeconds }
      : { percent: step.percent, pauseSeconds: step.pauseSeconds ?? settings.pauseSeconds },
  );
}

/** A service's analysis: its wave's with its own thresholds over them. */
export function analysisFor(settings: TrafficWaveSettings, stack: TrafficStack): Analysis {
  return { ...settings.analysis, ...stack.analysis };
}

/** The weights a percent is written as, on either split (their sum is 100: inside Route 53's 0–255 and the ALB's 0–999). */
export function weightsFor(percent: number): { readonly dc: number; readonly aws: number } {
  return { dc: 100 - percent, aws: percent };
}
