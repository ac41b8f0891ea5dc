/**
 * GET a JSON document with a bounded timeout and bounded retries. Only failures that may pass
 * (a timeout, a dropped connection, 429, 5xx) are retried; a 4xx or a malformed body fails at once.
 */
import { FeedError } from './types.ts';

export interface HttpOptions {
  /** Per attempt, headers and body included. */
  timeoutMs: number;
  /** Extra attempts after the first. */
  retries: number;
  /** Wait before retry k (0-based) is backoffMs * 2^k. */
  backoffMs: number;
  /** Told about each retry, for progress output. */
  onRetry?: (message: string) => void;
}

export const DEFAULT_HTTP: HttpOptions = { timeoutMs: 30_000, retries: 2, backoffMs: 1_000 };

/** ASOF_FEED_TIMEOUT_MS, ASOF_FEED_RETRIES and ASOF_FEED_BACKOFF_MS override the defaults (tests use them). */
export function httpOptionsFromEnv(env: Record<string, string | undefined>): HttpOptions {
  const int = (name: string, fallback: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) > max) throw new Error(`${name}="${raw}" must be a whole number from 0 to ${max}`);
    return Number(raw);
  };
  return {
    timeoutMs: Math.max(1, int('ASOF_FEED_TIMEOUT_MS', DEFAULT_HTTP.timeoutMs, 600_000)),
    retries: int('ASOF_FEED_RETRIES', DEFAULT_HTTP.retries, 10),
    backoffMs: int('ASOF_FEED_BACKOFF_MS', DEFAULT_HTTP.backoffMs, 60_000),
  };
}

/** A feed's base URL: ASOF_FEED_BASE_<NAME> when set (tests point it at a local replay server). */
export function feedBase(env: Record<string, string | undefined>, feed: string, fallback: string): string {
  const override = env[`ASOF_FEED_BASE_${feed.toUpperCase()}`];
  return (override && override !== '' ? override : fallback).replace(/\/+$/, '');
}

/** Keys never appear in messages. */
export function redact(url: string): string {
  return url.replace(/([?&](?:api_key|apikey|key|token)=)[^&]*/gi, '$1***');
}

class Retryable extends Error {}

export async function getJson(url: string, feed: string, series: string, opts: HttpOptions): Promise<unknown> {
  const attempts = opts.retries + 1;
  let last = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) {
      const wait = opts.backoffMs * 2 ** (attempt - 1);
      opts.onRetry?.(`${last}; retry ${attempt} of ${opts.retries} in ${wait} ms`);
      await new Promise((r) => setTimeout(r, wait));
    }
    try {
      return await attemptOnce(url, feed, series, opts.timeoutMs);
    } catch (e) {
      if (!(e instanceof Retryable)) throw e;
      last = e.message;
    }
  }
  throw new FeedError(feed, series, `${last} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}; ${redact(url)})`);
}

async function attemptOnce(url: string, feed: string, series: string, timeoutMs: number): Promise<unknown> {
  let text: string;
  let status: number;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    status = res.status;
    text = await res.text();
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') throw new Retryable(`no complete response within ${timeoutMs} ms`);
    throw new Retryable(`request failed: ${err.cause?.code ?? err.cause?.message ?? err.message}`);
  }
  if (status === 429 || status >= 500) throw new Retryable(`HTTP ${status}${sourceMessage(text)}`);
  if (status !== 200) throw new FeedError(feed, series, `HTTP ${status}${sourceMessage(text)} (${redact(url)})`);
  try {
    return JSON.parse(text);
  } catch (e) {
    const snippet = text.slice(0, 60).replace(/\s+/g, ' ');
    throw new FeedError(feed, series, `malformed JSON in the response (${(e as Error).message}); it starts ${JSON.stringify(snippet)} (${redact(url)})`);
  }
}

/** The source's own explanation of an error, when its body carries one (FRED, Socrata, Fiscal Data). */
function sourceMessage(text: string): string {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const m = j.error_message ?? j.message ?? j.error;
    if (typeof m === 'string' && m !== '') return `: ${m.slice(0, 200)}`;
  } catch {
    // not JSON
  }
  const t = text.trim().replace(/\s+/g, ' ');
  return t ? `: ${t.slice(0, 120)}` : '';
}

/** A query string with every value percent-encoded (spaces as %20, not "+", which not every API reads as a space). */
export function query(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}
