const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** One problem with a setting, or (from loadConfig) every problem found, one line each. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string | string[]) {
    const lines = typeof problems === 'string' ? [problems] : problems;
    super(lines.join('\n'));
    this.problems = lines;
  }
}

/** "10485760", "10MB", "10 MiB" → bytes. Units are binary (1 MB = 1 MiB), as operators expect of memory. */
export function parseBytes(name: string, raw: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(raw);
  const unit = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw new ConfigError(`${name}="${raw}" is not a size: use bytes or a unit such as 10MB`);
  }
  return Math.floor(Number(match[1]) * unit);
}

/** "5" (seconds, as the design card gives EXECUTION_TIMEOUT), "5s", "1500ms" → milliseconds. */
export function parseDurationMs(name: string, raw: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(raw);
  if (!match) {
    throw new ConfigError(`${name}="${raw}" is not a duration: use seconds (5), 5s or 5000ms`);
  }
  const value = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  return Math.round(unit === 'ms' ? value : unit === 'm' ? value * 60_000 : value * 1000);
}

export function parseInteger(name: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}="${raw}" must be an integer between ${min} and ${max}`);
  }
  return value;
}
