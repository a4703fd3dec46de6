import { isIP, isIPv4 } from 'node:net';
import { ConfigError, parseBytes, parseDurationMs, parseInteger } from './units';

export type Env = Record<string, string | undefined>;

/** The longest delay Node's timers take: past it, a timer fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Reads settings from the environment and keeps every problem it meets, one line each, instead of
 * stopping at the first: an operator fixes them all in one go. A setting with a problem reads as
 * its default, so the rest can still be checked.
 */
export class SettingsReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value, or undefined when unset or blank. */
  text(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  bytes(name: string, fallback: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    return this.parse(name, fallback, (raw) => {
      const value = parseBytes(name, raw);
      if (value < min || value > max) throw new ConfigError(`${name}="${raw}" must be between ${min} and ${max} bytes`);
      return value;
    });
  }

  durationMs(name: string, fallback: string, min: number): number {
    return this.parse(name, fallback, (raw) => {
      const value = parseDurationMs(name, raw);
      if (value < min || value > MAX_TIMER_MS) throw new ConfigError(`${name}="${raw}" must be between ${min} and ${MAX_TIMER_MS} ms`);
      return value;
    });
  }

  integer(name: string, fallback: number, min: number, max?: number): number {
    return this.parse(name, String(fallback), (raw) => parseInteger(name, raw, min, max));
  }

  /** `true` or `false`. */
  flag(name: string, fallback: boolean): boolean {
    return this.parse(name, fallback, (raw) => {
      if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name}="${raw}" must be true or false`);
      return raw === 'true';
    });
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    return this.parse(name, fallback, (raw) => {
      if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(`${name}="${raw}" must be one of ${allowed.join(', ')}`);
      return raw as T;
    });
  }

  /**
   * A URL whose scheme is one of `schemes` (without the colon), or null when unset. A bad one is
   * kept as given: reading it as unset would add "required" to its problem in production.
   */
  url(name: string, kind: string, schemes: string[], example: string): string | null {
    const raw = this.text(name);
    if (raw !== undefined && !(URL.canParse(raw) && schemes.includes(new URL(raw).protocol.slice(0, -1)))) {
      this.problems.push(`${name} must be a ${kind} URL (${example})`);
    }
    return raw ?? null;
  }

  /** A host name or an IP address to listen on. */
  host(name: string, fallback: string): string {
    return this.parse(name, fallback, (raw) => {
      const hostname = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
      if (!isIP(raw) && !hostname.test(raw)) throw new ConfigError(`${name}="${raw}" is neither an IP address nor a host name`);
      return raw;
    });
  }

  /**
   * TRUST_PROXY: `false` (default), `true`, a hop count, or a comma-separated list of addresses,
   * CIDRs or the names `loopback`, `linklocal`, `uniquelocal`.
   */
  trustProxy(name: string): boolean | number | string[] {
    return this.parse<boolean | number | string[]>(name, false, (raw) => {
      if (raw === 'false') return false;
      if (raw === 'true') return true;
      if (/^\d+$/.test(raw)) return parseInteger(name, raw, 0, 100);
      const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
      const bad = entries.filter((entry) => !isProxyAddress(entry));
      if (bad.length > 0) {
        throw new ConfigError(`${name}: ${bad.map((entry) => `"${entry}"`).join(', ')} is not an address, a CIDR, loopback, linklocal or uniquelocal`);
      }
      return entries;
    });
  }

  private parse<T>(name: string, fallback: T | string, parse: (raw: string) => T): T {
    const raw = this.text(name);
    const fallbackValue = () => (typeof fallback === 'string' ? parse(fallback) : fallback);
    if (raw === undefined) return fallbackValue();
    try {
      return parse(raw);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.problems.push(error.message);
      return fallbackValue();
    }
  }
}

const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (family === 4 && isIPv4(prefix)) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
