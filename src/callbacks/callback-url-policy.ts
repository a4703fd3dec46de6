import ipaddr from 'ipaddr.js';
import type { WebhookSettings } from '../config/webhook-settings';
import { problem, ProblemException } from '../http/problem';

export type CallbackUrlPolicy = Pick<WebhookSettings, 'allowInsecure' | 'allowPrivateNetworks'>;

/** The longest `callbackUrl` taken. */
export const MAX_CALLBACK_URL_LENGTH = 2048;

/**
 * Refused whatever the settings say: link-local (where every cloud keeps its metadata service:
 * AWS, GCP, Azure, Oracle at 169.254.169.254, ECS at 169.254.170.2) and the metadata addresses
 * outside it (AWS over IPv6, Alibaba). No receiver of a webhook lives there.
 */
const ALWAYS_REFUSED_RANGES = ['169.254.0.0/16', 'fe80::/10', 'fd00:ec2::254/128', '100.100.100.200/32'];

/** Names of metadata services, refused before any lookup (they resolve only inside a cloud). */
const METADATA_HOSTNAMES = ['metadata.google.internal', 'metadata.goog', 'metadata', 'metadata.azure.internal', 'instance-data', 'instance-data.ec2.internal'];

const REFUSED = ALWAYS_REFUSED_RANGES.map((range) => ipaddr.parseCIDR(range));

/**
 * IPv6 forms that carry an IPv4 address a gateway may forward to: NAT64 (RFC 6052's 64:ff9b::/96,
 * RFC 8215's 64:ff9b:1::/48), IPv4-compatible (::/96), 6to4 (2002::/16) and Teredo (2001::/32,
 * its server and its client, the client's bits inverted). Each is where the first IPv4 byte sits.
 */
const IPV4_CARRIERS: { range: [ipaddr.IPv6, number]; offsets: number[]; inverted?: number }[] = [
  { range: ipaddr.IPv6.parseCIDR('64:ff9b::/96'), offsets: [12] },
  { range: ipaddr.IPv6.parseCIDR('64:ff9b:1::/48'), offsets: [12] },
  { range: ipaddr.IPv6.parseCIDR('::/96'), offsets: [12] },
  { range: ipaddr.IPv6.parseCIDR('2002::/16'), offsets: [2] },
  { range: ipaddr.IPv6.parseCIDR('2001::/32'), offsets: [4], inverted: 12 },
];

function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const bytes = address.toByteArray();
  const at = (offset: number, mask = 0) => new ipaddr.IPv4(bytes.slice(offset, offset + 4).map((byte) => byte ^ mask));
  return IPV4_CARRIERS.filter(({ range }) => address.match(range)).flatMap(({ offsets, inverted }) => [
    ...offsets.map((offset) => at(offset)),
    ...(inverted === undefined ? [] : [at(inverted, 0xff)]),
  ]);
}

const isRefused = (address: ipaddr.IPv4 | ipaddr.IPv6) => REFUSED.some((range) => address.kind() === range[0].kind() && address.match(range));

/**
 * Why `address` may not receive a callback, or undefined when it may. IPv4-mapped IPv6 is judged
 * as the IPv4 address it reaches, and an IPv6 form that carries an IPv4 address (NAT64, 6to4, …)
 * by that address too.
 */
export function addressProblem(address: string, policy: CallbackUrlPolicy): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.process(address);
  if (isRefused(parsed)) return `${address} is a link-local or cloud metadata address, never a callback target`;
  const carriedAll = parsed.kind() === 'ipv6' ? embeddedIPv4(parsed as ipaddr.IPv6) : [];
  const carried = carriedAll.find(isRefused);
  if (carried) return `${address} carries ${carried.toString()}, a link-local or cloud metadata address, never a callback target`;
  if (policy.allowPrivateNetworks) return undefined;
  const range = parsed.range();
  if (range !== 'unicast') return `${address} is a ${range} address, not a public one (WEBHOOK_ALLOW_PRIVATE_NETWORKS is not true)`;
  // An IPv4-compatible address (::127.0.0.1) reads as unicast IPv6 while it carries a private one.
  const private4 = carriedAll.find((inner) => inner.range() !== 'unicast');
  if (private4) return `${address} carries ${private4.toString()}, a ${private4.range()} address, not a public one (WEBHOOK_ALLOW_PRIVATE_NETWORKS is not true)`;
  return undefined;
}

/**
 * Why `raw` may not be a callback URL, or undefined when it may, judged on the URL alone: its
 * scheme, an IP address in it (in any form the WHATWG parser reads: decimal, octal, hex, mapped)
 * and names that are local or metadata services. A name's addresses are checked when the callback
 * is delivered, on the address actually connected to.
 */
export function callbackUrlProblem(raw: string, policy: CallbackUrlPolicy): string | undefined {
  if (raw.length > MAX_CALLBACK_URL_LENGTH) return `is longer than ${MAX_CALLBACK_URL_LENGTH} characters`;
  if (!URL.canParse(raw)) return 'is not an absolute URL';
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `uses ${url.protocol}, only https: is taken`;
  if (url.username || url.password) return 'carries credentials: sign-in details in a URL are never sent';
  // Both at once: a local http: receiver needs both settings, and one refusal should say so.
  const insecure = url.protocol === 'http:' && !policy.allowInsecure ? 'uses http:, only https: is taken (WEBHOOK_ALLOW_INSECURE is not true)' : undefined;
  const reasons = [insecure, hostProblem(url.hostname.replace(/^\[(.*)\]$/, '$1'), policy)].filter((reason) => reason !== undefined);
  return reasons.length > 0 ? reasons.join('; and ') : undefined;
}

function hostProblem(host: string, policy: CallbackUrlPolicy): string | undefined {
  if (ipaddr.isValid(host)) return addressProblem(host, policy);
  return hostnameProblem(host.toLowerCase().replace(/\.$/, ''), policy);
}

function hostnameProblem(name: string, policy: CallbackUrlPolicy): string | undefined {
  if (METADATA_HOSTNAMES.includes(name)) return `${name} is a cloud metadata service, never a callback target`;
  const local = name === 'localhost' || name.endsWith('.localhost');
  if (local && !policy.allowPrivateNetworks) return `${name} is this machine (WEBHOOK_ALLOW_PRIVATE_NETWORKS is not true)`;
  return undefined;
}

/** The problem (`invalid_callback_url`) a refused callback URL is answered with. */
export function invalidCallbackUrl(reason: string, field = 'callbackUrl'): ProblemException {
  return problem('invalid_callback_url', `${field} ${reason}`, { field, reason });
}

/** Throws `invalid_callback_url` naming why, when `url` may not be a callback; returns it otherwise. */
export function checkCallbackUrl(url: string, policy: CallbackUrlPolicy, field = 'callbackUrl'): string {
  const reason = callbackUrlProblem(url, policy);
  if (reason) throw invalidCallbackUrl(reason, field);
  return url;
}
