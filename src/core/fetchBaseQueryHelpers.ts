import type { FetchArgs, ResponseHandler } from './fetchBaseQuery'

/**
 * Building blocks of `fetchBaseQuery`, kept apart so the main file reads as one request's story.
 *
 * @internal
 */

/** A scheme (`https:`, `data:`…) or a protocol-relative `//host` means the url does not need the base. */
const ABSOLUTE_URL = /^(?:[a-z][a-z\d+\-.]*:|\/\/)/i

export function isAbsoluteUrl(url: string): boolean {
  return ABSOLUTE_URL.test(url)
}

/** Joins with exactly one slash, so that `baseUrl` and endpoint urls may each carry one or not. */
export function joinUrls(base: string | undefined, url: string): string {
  if (!base) return url
  if (!url) return base
  if (isAbsoluteUrl(url)) return url
  // A bare query string (`?page=2`) belongs to the base path itself, not to a child segment.
  const separator = url.startsWith('?') && !base.endsWith('/') ? '' : '/'
  return base.replace(/\/+$/, '') + separator + url.replace(/^\/+/, '')
}

/** Adds a serialized query to a url that may already have one. An empty query adds nothing. */
export function appendQuery(url: string, query: string): string {
  const trimmed = query.replace(/^[?&]+/, '')
  if (!trimmed) return url
  if (!url.includes('?')) return `${url}?${trimmed}`
  return url.endsWith('?') || url.endsWith('&') ? url + trimmed : `${url}&${trimmed}`
}

/** `URLSearchParams` would send the word "undefined", which is never what a caller means. */
export function stripUndefined(params: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) kept[key] = String(value)
  }
  return kept
}

type HeadersSource = HeadersInit | FetchArgs['headers']

/** Copies `source` over `target`; later sources win, and `undefined` values are skipped rather than sent. */
function applyHeaders(target: Headers, source: HeadersSource): void {
  if (!source) return
  if (source instanceof Headers) {
    source.forEach((value, key) => target.set(key, value))
    return
  }
  const entries: Iterable<readonly (string | undefined)[]> = Array.isArray(source) ? source : Object.entries(source)
  for (const [key, value] of entries) {
    if (key !== undefined && value !== undefined) target.set(key, value)
  }
}

export function mergeHeaders(...sources: HeadersSource[]): Headers {
  const merged = new Headers()
  for (const source of sources) applyHeaders(merged, source)
  return merged
}

/** Plain objects only, so class instances (Blob, FormData, streams…) are never mistaken for JSON. */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value)
  // Checking the prototype's prototype also accepts objects created in another realm (iframes, vm).
  return proto === null || Object.getPrototypeOf(proto) === null
}

/** Bodies that `JSON.stringify` turns into what the caller means. */
export function isJsonifiable(body: unknown): body is object {
  if (typeof body !== 'object' || body === null) return false
  return Array.isArray(body) || isPlainObject(body) || typeof (body as { toJSON?: unknown }).toJSON === 'function'
}

/** Matches `application/json` and JSON:API's `application/vnd.api+json`, with or without parameters. */
export function defaultIsJsonContentType(headers: Headers): boolean {
  return /ion\/(?:vnd\.api\+)?json/i.test(headers.get('content-type') ?? '')
}

export function defaultValidateStatus(response: Response): boolean {
  return response.status >= 200 && response.status <= 299
}

/** The one abort signal a request listens to, made from the caller's signals and an optional timer. */
export interface RequestSignal {
  signal: AbortSignal | undefined
  /** True once the timer, rather than a caller, aborted the request. */
  timedOut: () => boolean
  /** Clears the timer and detaches the listeners; safe to call more than once. */
  release: () => void
}

export function createRequestSignal(sources: (AbortSignal | null | undefined)[], timeoutMs?: number): RequestSignal {
  const signals = sources.filter((signal): signal is AbortSignal => signal != null)
  const hasTimeout = typeof timeoutMs === 'number' && timeoutMs > 0
  // Nothing to combine: hand the single signal through and create no listener or timer at all.
  if (!hasTimeout && signals.length <= 1) {
    return { signal: signals[0], timedOut: () => false, release: () => {} }
  }

  const controller = new AbortController()
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const detachers: (() => void)[] = []

  const release = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    for (const detach of detachers.splice(0)) detach()
  }

  for (const source of signals) {
    if (source.aborted) {
      controller.abort(source.reason)
      break
    }
    // Forward the caller's reason, so the rejection reads the same as if fetch had the signal itself.
    const forward = () => controller.abort(source.reason)
    source.addEventListener('abort', forward, { once: true })
    detachers.push(() => source.removeEventListener('abort', forward))
  }

  if (hasTimeout && !controller.signal.aborted) {
    timer = setTimeout(() => {
      timer = undefined
      timedOut = true
      controller.abort(new DOMException(`The request did not finish within ${timeoutMs} ms`, 'TimeoutError'))
    }, timeoutMs)
  }
  if (controller.signal.aborted) release()

  return { signal: controller.signal, timedOut: () => timedOut, release }
}

/** How reading the body went: the data, a body that could not be read, or one that could not be parsed. */
export type BodyOutcome =
  | { kind: 'data'; data: unknown }
  | { kind: 'readFailed'; cause: unknown }
  | { kind: 'parseFailed'; cause: unknown; text: string }

export async function readBody(
  response: Response,
  handler: ResponseHandler,
  isJsonContentType: (headers: Headers) => boolean,
): Promise<BodyOutcome> {
  if (typeof handler === 'function') {
    // A custom handler consumes the response, so a clone keeps the raw text for a PARSING_ERROR.
    // Reading it right away drains the stream even when the handler never touches the body.
    const text = response
      .clone()
      .text()
      .catch(() => '')
    try {
      return { kind: 'data', data: await handler(response) }
    } catch (cause) {
      return { kind: 'parseFailed', cause, text: await text }
    }
  }

  let text: string
  try {
    text = await response.text()
  } catch (cause) {
    return { kind: 'readFailed', cause }
  }
  const asJson = handler === 'json' || (handler === 'content-type' && isJsonContentType(response.headers))
  if (!asJson) return { kind: 'data', data: text }
  // An empty body (204, or a 200 without content) is "no data", not a syntax error.
  if (text.length === 0) return { kind: 'data', data: null }
  try {
    return { kind: 'data', data: JSON.parse(text) }
  } catch (cause) {
    return { kind: 'parseFailed', cause, text }
  }
}
