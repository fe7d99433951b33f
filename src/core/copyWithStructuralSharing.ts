function isShareable(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Returns `newValue`, but reuses every part of `oldValue` that is deeply
 * equal to the matching part of `newValue`. Components that select an
 * unchanged part of refetched data then keep the same reference and do not
 * re-render. Only plain objects and arrays are compared.
 */
export function copyWithStructuralSharing<T>(oldValue: unknown, newValue: T): T
export function copyWithStructuralSharing(oldValue: unknown, newValue: unknown): unknown {
  if (oldValue === newValue || !isShareable(oldValue) || !isShareable(newValue)) return newValue
  if (Array.isArray(oldValue) !== Array.isArray(newValue)) return newValue
  const oldRecord = oldValue as Record<string, unknown>
  const newRecord = newValue as Record<string, unknown>
  const newKeys = Object.keys(newRecord)
  let same = newKeys.length === Object.keys(oldRecord).length
  const merged: Record<string, unknown> | unknown[] = Array.isArray(newValue) ? [] : {}
  for (const key of newKeys) {
    const shared = copyWithStructuralSharing(oldRecord[key], newRecord[key])
    if (shared !== oldRecord[key] || !Object.prototype.hasOwnProperty.call(oldRecord, key)) same = false
    ;(merged as Record<string, unknown>)[key] = shared
  }
  return same ? oldValue : merged
}
