import type { SettingsReader } from './settings-reader';

/** How callbacks (`callbackUrl`) are checked and delivered. */
export interface WebhookSettings {
  /** Whether an `http:` callback is taken; otherwise `https:` only. */
  allowInsecure: boolean;
  /** Whether loopback, private, CGNAT and unique-local addresses are taken (link-local and metadata never are). */
  allowPrivateNetworks: boolean;
  /** Attempts of one delivery, the first included. */
  maxAttempts: number;
  /** The wait before the first retry; each later one waits twice the one before. */
  retryDelayMs: number;
  /** How long one attempt may take, connecting and reading the answer together. */
  timeoutMs: number;
  /** How much of a receiver's answer is read; the rest is cut off. */
  maxResponseBytes: number;
}

export function readWebhookSettings(settings: SettingsReader): WebhookSettings {
  return {
    allowInsecure: settings.flag('WEBHOOK_ALLOW_INSECURE', false),
    allowPrivateNetworks: settings.flag('WEBHOOK_ALLOW_PRIVATE_NETWORKS', false),
    maxAttempts: settings.integer('WEBHOOK_MAX_ATTEMPTS', 5, 1, 50),
    retryDelayMs: settings.durationMs('WEBHOOK_RETRY_DELAY', '2s', 0),
    timeoutMs: settings.durationMs('WEBHOOK_TIMEOUT', '10s', 1),
    maxResponseBytes: settings.bytes('WEBHOOK_MAX_RESPONSE_SIZE', '64KB', 0, 16 * 1024 * 1024),
  };
}
