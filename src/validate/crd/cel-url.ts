/**
 * The Kubernetes CEL url library (k8s.io/apiserver/pkg/cel/library/urls.go) as CRD rules call it:
 * `isURL()`, `url()` and a URL's `getScheme()`, `getHost()`, `getHostname()` and `getPort()`. A URL is
 * what Go's url.ParseRequestURI accepts (crd/strfmt.ts). Where the release would decide (Go 1.26
 * reads an http host's colons strictly, and Kubernetes 1.36 is built with it) or the host is
 * escaped, the rule is not evaluated (CelUnsupported).
 */
import { CelObject, fail, unsupported } from './cel-parse';
import { parseRequestUri } from './strfmt';

/** A URL value: its scheme (lower-cased, as Go's url.Parse gives it) and host (with its port). */
export class CelURL extends CelObject {
  constructor(readonly scheme: string, readonly host: string) { super(); }
  equals(): boolean { return unsupported('== between URLs'); }
}

/** ParseRequestURI's reading, the same whatever the release; undefined where it refuses the string. */
function parse(s: string): CelURL | undefined {
  const loose = parseRequestUri(s, false);
  const strict = parseRequestUri(s, true);
  if ((loose === undefined) !== (strict === undefined)) unsupported('a URL whose host colons Go 1.26 reads strictly');
  if (loose === undefined) return undefined;
  if (loose.host.includes('%')) unsupported('a URL with an escaped host');
  return new CelURL(loose.scheme.toLowerCase(), loose.host);
}

/** The library's isURL(). */
export const isURL = (s: string): boolean => parse(s) !== undefined;

/** The library's url(): the URL, or the error the server raises. */
export function urlOf(s: string): CelURL {
  return parse(s) ?? fail(`URL parse error during conversion from string: parse ${JSON.stringify(s)}: invalid URI for request`);
}

/** Go's splitHostPort (net/url): the port after the last colon when it is all digits, brackets dropped from the host. */
function hostPort(host: string): { hostname: string; port: string } {
  const colon = host.lastIndexOf(':');
  let hostname = host;
  let port = '';
  if (colon >= 0 && /^\d*$/.test(host.slice(colon + 1))) {
    hostname = host.slice(0, colon);
    port = host.slice(colon + 1);
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  return { hostname, port };
}

/** What a URL's method gives, or undefined for a method read elsewhere or not at all. */
export function urlMethod(u: CelURL, name: string): string | undefined {
  switch (name) {
    case 'getScheme': return u.scheme;
    case 'getHost': return u.host;
    case 'getHostname': return hostPort(u.host).hostname;
    case 'getPort': return hostPort(u.host).port;
    default: return undefined;
  }
}
