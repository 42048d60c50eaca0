import { PodsmithError } from '../errors';
import { dns1123Subdomain } from '../validate/names';

/** metadata.name of a Secret, ServiceAccount, PriorityClass or PDB: a DNS-1123 subdomain, as the API server requires. */
export function checkObjectName(where: string, name: string): void {
  const problem = dns1123Subdomain(name)[0];
  if (problem) throw new PodsmithError(where, 'name', `'${name}': ${problem}`, "use lower case letters, digits, - and ., e.g. 'regcred'");
}
