// The RoleSessionName of the cockpit's assumed-role sessions: the operator, so CloudTrail names who acted. STS
// accepts 2–64 characters of [\w+=,.@-]; anything else in an OS user name (a space, a backslash of DOMAIN\user) is
// replaced, and a name too short is padded so the session still says it is the cockpit's.
const NOT_ALLOWED = /[^\w+=,.@-]/g;

export function roleSessionName(operator: string): string {
  const name = operator.replace(NOT_ALLOWED, '-').slice(0, 64);
  return name.length >= 2 ? name : `migration-cockpit-${name}`.slice(0, 64);
}
