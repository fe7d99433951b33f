/**
 * Makes two observations comparable: request ids (random in RTK Query,
 * counters in api-slice) become `#1`, `#2`, … in order of first appearance,
 * wherever they occur (values or keys). Everything else is compared as is:
 * timestamps agree because both runs use the same fake clock.
 */
export function renameRequestIds(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value
  if (Array.isArray(value)) return value.map((item) => renameRequestIds(item, ids))
  if (value instanceof Error) return { error: value.name, message: value.message }
  if (typeof value !== 'object' || value === null) return value
  if (!isPlain(value)) return value
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const renamed = ids.get(key) ?? key
    const field = (value as Record<string, unknown>)[key]
    if (typeof field === 'function') continue
    Object.defineProperty(copy, renamed, { value: renameRequestIds(field, ids), enumerable: true, writable: true })
  }
  return copy
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Records request ids in order of first appearance. */
export class RequestIdNames {
  readonly ids = new Map<string, string>()

  see(requestId: unknown): void {
    if (typeof requestId === 'string' && requestId && !this.ids.has(requestId)) {
      this.ids.set(requestId, `#${this.ids.size + 1}`)
    }
  }
}
