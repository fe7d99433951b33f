/**
 * A deep plain copy of a value as a user would read it: own enumerable
 * fields, functions left out, errors as `{ name, message }` plus their own
 * fields (stack traces differ between libraries and are left out), Maps and
 * Sets as arrays, cycles as '[cycle]'.
 */
export function toPlain(value: unknown, seen: Set<object> = new Set()): unknown {
  if (typeof value === 'function') return undefined
  if (typeof value !== 'object' || value === null) return value
  if (seen.has(value)) return '[cycle]'
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((item) => toPlain(item, seen))
    if (value instanceof Map) return { map: [...value].map((pair) => toPlain(pair, seen)) }
    if (value instanceof Set) return { set: [...value].map((item) => toPlain(item, seen)) }
    if (value instanceof Date) return { date: value.getTime() }
    const copy: Record<string, unknown> = {}
    if (value instanceof Error) {
      copy.name = value.name
      copy.message = value.message
    }
    for (const key of Object.keys(value)) {
      if (key === 'stack') continue
      const field = toPlain((value as Record<string, unknown>)[key], seen)
      if (field === undefined && typeof (value as Record<string, unknown>)[key] === 'function') continue
      Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true })
    }
    return copy
  } finally {
    seen.delete(value)
  }
}
