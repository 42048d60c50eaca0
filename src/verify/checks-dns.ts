/**
 * The DNS checks (handbook H13, H15), pure like checks.ts: they read what the runner saw inside
 * a container (resolv.conf, nslookup output) and return a verdict.
 */
import { fail, pass, Verdict } from './verdict';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** busybox/glibc nslookup output: the addresses given after the `Name:` line. */
export function parseNslookup(text: string): string[] {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /^Name:/.test(l.trim()));
  if (i < 0) return [];
  return lines.slice(i + 1).map((l) => /^Address(?: \d+)?:\s*([0-9a-fA-F.:]+)/.exec(l.trim())?.[1]).filter((x): x is string => !!x);
}

export function evalFqdn(fqdn: string, podIP: string, nslookupOutput: string): Verdict {
  const addrs = parseNslookup(nslookupOutput);
  if (addrs.includes(podIP)) return pass(`${fqdn} → ${podIP}`);
  return fail(`${fqdn} resolved to ${addrs.length ? addrs.join(', ') : 'nothing'}, expected ${podIP}${addrs.length ? '' : ` (${nslookupOutput.trim().split('\n').pop()})`}`);
}

/** The FQDN a Pod should get (H15), or undefined when it has no subdomain. */
export function podFqdn(pod: any, clusterDomain: string): string | undefined {
  const sub = pod.spec?.subdomain;
  if (!sub) return undefined;
  const host = pod.spec?.hostname ?? pod.metadata?.name;
  return `${host}.${sub}.${pod.metadata?.namespace}.svc.${clusterDomain}`;
}

/** The cluster domain from a Pod's resolv.conf search line (`<ns>.svc.<domain>`). */
export function clusterDomainFrom(resolvConf: string, namespace: string): string | undefined {
  const search = resolvConf.split('\n').find((l) => l.startsWith('search '));
  const first = search?.split(/\s+/).find((d) => d.startsWith(`${namespace}.svc.`));
  return first?.slice(`${namespace}.svc.`.length);
}

/**
 * H13: which resolver a Pod gets. ClusterFirst (without hostNetwork) and ClusterFirstWithHostNet
 * use cluster DNS (the namespace's search domains); ClusterFirst with hostNetwork and Default
 * use the node's; None uses dnsConfig. `lookup` is nslookup's output for the API Service's name,
 * when the policy says cluster names resolve.
 */
export function expectsClusterDns(spec: any): boolean {
  const policy = spec?.dnsPolicy ?? 'ClusterFirst';
  return policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec?.hostNetwork);
}

export function evalDns(spec: any, namespace: string, resolvConf: string, lookup?: { name: string; output: string }): Verdict {
  const policy = spec?.dnsPolicy ?? 'ClusterFirst';
  const search = (resolvConf.split('\n').find((l) => l.startsWith('search ')) ?? '').split(/\s+/).slice(1);
  const nameservers = resolvConf.split('\n').filter((l) => l.startsWith('nameserver ')).map((l) => l.split(/\s+/)[1]);
  const clusterSearch = search.some((d) => d.startsWith(`${namespace}.svc.`));
  if (policy === 'None') {
    const want: string[] = spec?.dnsConfig?.nameservers ?? [];
    const missing = want.filter((n) => !nameservers.includes(n));
    return missing.length ? fail(`dnsPolicy None: resolv.conf lacks nameserver ${missing.join(', ')}`) : pass(`dnsPolicy None: nameservers ${nameservers.join(', ')} from dnsConfig`);
  }
  if (!expectsClusterDns(spec)) {
    return clusterSearch
      ? fail(`dnsPolicy ${policy}${spec?.hostNetwork ? ' with hostNetwork' : ''} should use the node's resolver, but resolv.conf searches ${search[0]}`)
      : pass(`dnsPolicy ${policy}${spec?.hostNetwork ? ' with hostNetwork' : ''}: the node's resolver (${nameservers.join(', ') || 'none'})`);
  }
  if (!clusterSearch) return fail(`dnsPolicy ${policy}: resolv.conf has no cluster search domain (${search.join(' ') || 'no search line'})`);
  if (!lookup) return pass(`dnsPolicy ${policy}: cluster DNS ${nameservers.join(', ')}`);
  const addrs = parseNslookup(lookup.output);
  return addrs.length
    ? pass(`dnsPolicy ${policy}${spec?.hostNetwork ? ' with hostNetwork' : ''}: cluster DNS ${nameservers.join(', ')}; ${lookup.name} → ${addrs[0]}`)
    : fail(`dnsPolicy ${policy}: ${lookup.name} did not resolve through ${nameservers.join(', ')} (${lookup.output.trim().split('\n').pop()})`);
}
