/**
 * A Pod's dnsConfig (pkg/apis/core/validation: validatePodDNSConfig): at most 3 nameservers, each
 * an address as the legacy fields read it; at most 32 search paths of at most 2048 characters in
 * all, joined by spaces (6 and 256 before 1.28, ExpandedDNSConfig); each search path a DNS
 * subdomain with one trailing dot allowed — from 1.33 (RelaxedDNSSearchValidation, on by default)
 * with underscores, and `.` alone; every option named.
 */
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { dns1123Subdomain, dns1123SubdomainWithUnderscore } from '../names';
import { legacyIPProblem } from './legacy-ip';

/** The release from which a search path may hold underscores, or be `.` alone. */
export const RELAXED_DNS_SEARCH_FROM = 33;

export function checkDnsConfig(ctx: Ctx, dc: any, dnsPolicy: unknown, at: string): void {
  const r = (path: string, m: string) => ctx.report('dns.config-invalid', path, m);
  const ns = arr(dc.nameservers);
  if (ns.length > 3) r(`${at}.nameservers`, field.invalid(ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => {
    const problem = typeof n === 'string' ? legacyIPProblem(n, ctx.minor) : undefined;
    if (problem) r(`${at}.nameservers[${i}]`, field.invalid(n, problem));
  });
  if (dnsPolicy === 'None' && ns.length === 0) r(`${at}.nameservers`, field.required('must provide at least one DNS nameserver when `dnsPolicy` is None'));
  const searches = arr(dc.searches);
  const [maxPaths, maxChars] = ctx.minor >= 28 ? [32, 2048] : [6, 256];
  if (searches.length > maxPaths) r(`${at}.searches`, field.invalid(searches, `must not have more than ${maxPaths} search paths`));
  const strings = searches.filter((s): s is string => typeof s === 'string');
  if (Buffer.byteLength(strings.join(' ')) > maxChars) r(`${at}.searches`, field.invalid(searches, `must not have more than ${maxChars} characters (including spaces) in the search list`));
  const relaxed = ctx.minor >= RELAXED_DNS_SEARCH_FROM;
  searches.forEach((s, i) => {
    if (typeof s !== 'string' || (relaxed && s === '.')) return;
    const name = s.endsWith('.') ? s.slice(0, -1) : s;
    for (const m of relaxed ? dns1123SubdomainWithUnderscore(name) : dns1123Subdomain(name)) r(`${at}.searches[${i}]`, field.invalid(name, m));
  });
  arr(dc.options).forEach((o, i) => { if (isObj(o) && !o.name) r(`${at}.options[${i}].name`, field.required('Option.Name must not be empty')); });
}
