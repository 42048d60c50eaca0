/** Environment variables: names given twice, and secrets written into the manifest (kube-linter, Polaris, kube-score parity). */
import { arr, containersOf, isObj } from '../context';
import { msg } from '../field';
import { CheckedRule } from './types';

/** Name parts that mark a credential (split on `_`, `-`, `.` and case changes). */
const SECRET_PARTS = new Set(['secret', 'password', 'passwd', 'pwd', 'token', 'key', 'apikey', 'credential', 'credentials', 'privatekey', 'passphrase']);
/** A last name part that says the value only points at the credential. */
const POINTER_PARTS = new Set(['file', 'path', 'dir', 'ref', 'name', 'id', 'url', 'uri', 'env', 'length', 'size']);
/** Values that are credentials whatever the name: PEM private keys, AWS access key ids. */
const SECRET_VALUES = [/BEGIN [A-Z ]*PRIVATE KEY/, /\bAKIA[0-9A-Z]{16}\b/];

function nameParts(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[_\-.]+/).filter(Boolean);
}

/** Why an env var with a literal value looks like a credential, or undefined. */
export function secretLiteral(name: string, value: string): string | undefined {
  if (SECRET_VALUES.some((re) => re.test(value))) return 'its value is a private key or access key';
  const parts = nameParts(name);
  if (parts.length === 0 || POINTER_PARTS.has(parts[parts.length - 1])) return undefined;
  if (/^\$\([A-Za-z_][A-Za-z0-9_.-]*\)$/.test(value.trim())) return undefined; // only a reference to another variable
  const hit = parts.find((p) => SECRET_PARTS.has(p));
  return hit ? `its name says it is a ${hit}` : undefined;
}

export const envRules: CheckedRule[] = [
  {
    id: 'env.duplicate-name', severity: 'warning', layer: 'best-practice', handbook: ['H11'],
    summary: 'a container defines the same environment variable twice',
    rationale: 'When env lists a name twice the later entry silently wins; the earlier value (often a fieldRef or a Secret, H11) is never seen, and an edit to it has no effect (kube-linter duplicate-env-var, kube-score).',
    fix: 'keep one entry per name; remove or rename the other',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        const seen = new Map<string, number>();
        arr(c.env).forEach((e, i) => {
          if (!isObj(e) || typeof e.name !== 'string') return;
          const first = seen.get(e.name);
          if (first !== undefined) ctx.report('env.duplicate-name', msg`${path}.env[${i}].name`, msg`container "${c.name}" sets ${e.name} again (first at env[${first}]): the later value wins`);
          else seen.set(e.name, i);
        });
      }
    },
  },
  {
    id: 'env.secret-literal', severity: 'warning', layer: 'best-practice', handbook: ['H11'],
    summary: 'a credential written as a literal env value',
    rationale: 'A literal value is stored in the Deployment itself: anyone who can read the workload (or its YAML in git) reads the credential, and it cannot be rotated without a rollout. Secrets are readable only with access to Secrets and can be mounted or referenced (kube-linter env-var-secret, Polaris sensitiveContainerEnvVar).',
    fix: 'put the value in a Secret and use valueFrom.secretKeyRef (or mount it as a file)',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        arr(c.env).forEach((e, i) => {
          if (!isObj(e) || typeof e.name !== 'string' || typeof e.value !== 'string' || e.value === '') return;
          const why = secretLiteral(e.name, e.value);
          if (why) ctx.report('env.secret-literal', msg`${path}.env[${i}].value`, msg`container "${c.name}" sets ${e.name} to a literal value, and ${why}`);
        });
      }
    },
  },
];
