import { PersistentTable } from '../persistentTable'
import { sameTags, tagIdKey, toFullTag, UNTAGGED_ID } from '../tagResolution'
import type { FullTagDescription, TagDescription } from '../types/tags'
import type { CacheTables } from './cacheTables'

/**
 * The provided-tag index, kept in both directions (tag → keys, key → tags)
 * so that replacing one entry's tags costs only that entry's tags.
 *
 * @internal
 */

function withoutKey(tables: CacheTables, queryCacheKey: string): CacheTables {
  const previous = tables.providedKeys.get(queryCacheKey)
  if (!previous) return tables
  let providedTags = tables.providedTags
  for (const tag of previous) {
    const ids = providedTags.get(tag.type)
    const id = tagIdKey(tag)
    const keys = ids?.get(id)
    if (!ids || !keys) continue
    const remaining = keys.filter((key) => key !== queryCacheKey)
    const nextIds = remaining.length ? ids.set(id, remaining) : ids.delete(id)
    providedTags = nextIds.size ? providedTags.set(tag.type, nextIds) : providedTags.delete(tag.type)
  }
  return { ...tables, providedTags, providedKeys: tables.providedKeys.delete(queryCacheKey) }
}

/** Sets the tags a cache key provides, replacing what it provided before. */
export function setProvidedTags(
  tables: CacheTables,
  queryCacheKey: string,
  tags: readonly FullTagDescription[],
): CacheTables {
  if (sameTags(tables.providedKeys.get(queryCacheKey), tags)) return tables
  const cleared = withoutKey(tables, queryCacheKey)
  if (!tags.length) return cleared
  let providedTags = cleared.providedTags
  for (const tag of tags) {
    const ids = providedTags.get(tag.type) ?? PersistentTable.empty<readonly string[]>()
    const id = tagIdKey(tag)
    const keys = ids.get(id) ?? []
    if (keys.includes(queryCacheKey)) continue
    providedTags = providedTags.set(tag.type, ids.set(id, [...keys, queryCacheKey]))
  }
  return { ...cleared, providedTags, providedKeys: cleared.providedKeys.set(queryCacheKey, tags) }
}

export function removeProvidedTags(tables: CacheTables, queryCacheKey: string): CacheTables {
  return withoutKey(tables, queryCacheKey)
}

/**
 * Cache keys invalidated by `tags`: a tag with an id matches that id, a tag
 * without an id matches every id of its type. Keys come once each, in the
 * order their tags were indexed.
 */
export function keysInvalidatedBy(tables: CacheTables, tags: readonly (TagDescription | null | undefined)[]): string[] {
  const found = new Set<string>()
  for (const tag of tags) {
    if (tag === null || tag === undefined) continue
    const full = toFullTag(tag)
    const ids = tables.providedTags.get(full.type)
    if (!ids) continue
    if (full.id === undefined) {
      ids.forEach((keys) => keys.forEach((key) => found.add(key)))
    } else {
      ids.get(String(full.id))?.forEach((key) => found.add(key))
    }
  }
  return [...found]
}

/** The key under which an invalidation is recorded: the type alone, or the type and the id. */
function invalidationKey(type: string, id?: string | number): string {
  return id === undefined ? type : `${type}\u0000${String(id)}`
}

/** Records that `tags` were invalidated at `timestamp`. */
export function recordInvalidation(
  tables: CacheTables,
  tags: readonly (TagDescription | null | undefined)[],
  timestamp: number,
): CacheTables {
  const entries: [string, number][] = []
  for (const tag of tags) {
    if (tag === null || tag === undefined) continue
    const full = toFullTag(tag)
    entries.push([invalidationKey(full.type, full.id), timestamp])
  }
  return entries.length ? { ...tables, invalidatedAt: tables.invalidatedAt.setMany(entries) } : tables
}

/**
 * Whether any of `tags` was invalidated after `time`: by its own id, or by
 * an invalidation of its whole type (the same matching as `keysInvalidatedBy`).
 */
export function invalidatedSince(tables: CacheTables, tags: readonly FullTagDescription[], time: number): boolean {
  if (!tables.invalidatedAt.size) return false
  return tags.some((tag) => {
    const byType = tables.invalidatedAt.get(invalidationKey(tag.type)) ?? -Infinity
    const byId =
      tag.id === undefined ? -Infinity : (tables.invalidatedAt.get(invalidationKey(tag.type, tag.id)) ?? -Infinity)
    return Math.max(byType, byId) > time
  })
}

export { UNTAGGED_ID }
