// The account guard of a stack's Pulumi config (docs/ARCHITECTURE.md "Pulumi"): what the AWS provider, and the
// rehearsal target's own providers, read to act only in the stack's account.
import type { ConfigMap } from '@pulumi/pulumi/automation';
import { CommandError } from '../../common/command-error';
import { roleSessionName } from '../aws/session-name';
import type { StackModel } from '../plan/model';
import type { SecretRedactor } from '../secrets/redactor';

/**
 * The account guard of a stack in a plan with accounts, as the AWS provider reads it: `aws:allowedAccountIds` (a
 * deploy whose credentials resolve to another account fails before it changes anything) and `aws:assumeRoles` (the
 * account's role, the operator as session name, its external id from the variable the plan names: then the whole
 * value is secret). Written after the stack's own config, so the plan's config cannot loosen it.
 */
export function accountGuard(context: { readonly redactor: SecretRedactor; readonly operator?: string }, stack: StackModel, env: NodeJS.ProcessEnv): ConfigMap {
  const account = stack.account;
  if (!account) return {};
  const externalIdEnv = account.role.externalIdEnv;
  const externalId = externalIdEnv ? env[externalIdEnv] : undefined;
  if (externalIdEnv && !externalId) {
    throw new CommandError(
      'failed',
      `${stack.id}: account '${account.name}' (${account.id}) needs its role's external id in the environment variable ${externalIdEnv}, which is not set`,
    );
  }
  if (externalId) context.redactor.add(externalId);
  const role = { roleArn: account.role.arn, sessionName: roleSessionName(context.operator ?? 'migration-cockpit'), ...(externalId ? { externalId } : {}) };
  return {
    'aws:allowedAccountIds': { value: JSON.stringify([account.id]) },
    'aws:assumeRoles': { value: JSON.stringify([role]), secret: externalId !== undefined },
  };
}
