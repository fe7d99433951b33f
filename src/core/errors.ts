/**
 * One place for the library's messages, so that every message carries the
 * same prefix and states a fix.
 *
 * @internal
 */
export const MESSAGE_PREFIX = '[api-slice]'

export function apiSliceError(message: string): Error {
  return new Error(`${MESSAGE_PREFIX} ${message}`)
}

/** Development-only warning; callers guard with `process.env.NODE_ENV !== 'production'`. */
export function warnInDevelopment(message: string): void {
  console.warn(`${MESSAGE_PREFIX} ${message}`)
}

export function reportError(message: string, cause?: unknown): void {
  console.error(`${MESSAGE_PREFIX} ${message}`, ...(cause === undefined ? [] : [cause]))
}

/** A thrown value as plain, serializable data (what lands in `error` of a cache entry). */
export interface SerializedError {
  name?: string
  message?: string
  stack?: string
  code?: string
}

export function serializeError(value: unknown): SerializedError {
  if (typeof value === 'object' && value !== null) {
    const source = value as Record<string, unknown>
    const serialized: SerializedError = {}
    for (const field of ['name', 'message', 'stack', 'code'] as const) {
      if (typeof source[field] === 'string') serialized[field] = source[field]
    }
    return serialized
  }
  return { message: String(value) }
}
