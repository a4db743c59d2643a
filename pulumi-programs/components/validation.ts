// Argument checks shared by the components. They run when a component is constructed, so a bad plan value
// stops the program before any resource is registered, with a message that names the component and the field.
//
// Values that are still Outputs (from another stack or resource) are checked once they resolve: the error then
// surfaces during preview/up, which is the earliest moment the value is known.
import * as pulumi from '@pulumi/pulumi';
import { parseCidr } from './cidr';

export class ComponentArgumentError extends Error {
  constructor(component: string, field: string, problem: string) {
    super(`${component}: ${field} ${problem}`);
    this.name = 'ComponentArgumentError';
  }
}

/** Checks names that end up in AWS identifiers (RDS, DMS): lower-case letters, digits, single hyphens. */
export function checkIdentifierPart(component: string, field: string, value: string): string {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(value)) {
    throw new ComponentArgumentError(
      component,
      field,
      `must start with a lower-case letter and contain only lower-case letters, digits and single hyphens (got '${value}')`,
    );
  }
  return value;
}

export function checkNonEmpty(component: string, field: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new ComponentArgumentError(component, field, 'must not be empty');
  return value;
}

export function checkInteger(component: string, field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ComponentArgumentError(component, field, `must be a whole number from ${min} to ${max} (got ${value})`);
  }
  return value;
}

/** A non-empty list of CIDR blocks; plain strings are checked now, Outputs when they resolve. */
export function checkCidrs(component: string, field: string, cidrs: readonly pulumi.Input<string>[]): pulumi.Output<string>[] {
  if (cidrs.length === 0) {
    throw new ComponentArgumentError(component, field, 'must list at least one CIDR block (e.g. 172.20.0.0/14)');
  }
  const check = (cidr: string) => {
    try {
      parseCidr(cidr);
    } catch (error) {
      throw new ComponentArgumentError(component, field, (error as Error).message);
    }
    return cidr;
  };
  return cidrs.map((cidr) => (typeof cidr === 'string' ? pulumi.output(check(cidr)) : pulumi.output(cidr).apply(check)));
}

/** A non-empty list of distinct TCP ports. */
export function checkPorts(component: string, field: string, ports: readonly number[]): number[] {
  if (ports.length === 0) throw new ComponentArgumentError(component, field, 'must list at least one port');
  for (const port of ports) checkInteger(component, field, port, 1, 65535);
  if (new Set(ports).size !== ports.length) throw new ComponentArgumentError(component, field, `lists a port twice (${ports.join(', ')})`);
  return [...ports];
}

/** EC2 instance types and RDS/DMS instance classes look like `m6i.large`, `db.r6g.xlarge`, `dms.t3.medium`. */
export function checkInstanceType(component: string, field: string, value: string, prefix = ''): string {
  const pattern = new RegExp(`^${prefix.replace('.', '\\.')}[a-z][a-z0-9-]*\\.[a-z0-9]+$`);
  if (!pattern.test(value)) {
    const example = prefix === '' ? 'm6i.large' : `${prefix}m6g.large`;
    throw new ComponentArgumentError(component, field, `must be an instance type like ${example} (got '${value}')`);
  }
  return value;
}
