import { warnInDevelopment } from './errors'
import type { FullTagDescription, ResultDescription, TagDescription } from './types/tags'

/** The id under which a tag without an id is indexed (RTK Query's name, so state stays comparable). */
export const UNTAGGED_ID = '__internal_without_id'

export interface ResolveTagsParams {
  description: ResultDescription<string, unknown, unknown, unknown, unknown> | undefined
  result: unknown
  error: unknown
  arg: unknown
  meta: unknown
  /** The api's `tagTypes`, used for a development warning about unknown types. */
  tagTypes: ReadonlySet<string>
  endpointName: string
  /** Skip the unknown-tag-type warning (for a second resolution of tags already resolved once). */
  silent?: boolean
}

// Each unknown tag type is reported once per api (its tagTypes set) and endpoint.
const warnedTagTypes = new WeakMap<ReadonlySet<string>, Set<string>>()

function firstWarning(params: ResolveTagsParams, tagType: string): boolean {
  let warned = warnedTagTypes.get(params.tagTypes)
  if (!warned) warnedTagTypes.set(params.tagTypes, (warned = new Set()))
  const key = `${params.endpointName}\u0000${tagType}`
  if (warned.has(key)) return false
  warned.add(key)
  return true
}

export function toFullTag(tag: TagDescription): FullTagDescription {
  return typeof tag === 'string' ? { type: tag } : tag
}

/** Turns `providesTags`/`invalidatesTags` (array or function) into full tag objects. */
export function resolveTags(params: ResolveTagsParams): FullTagDescription[] {
  const { description } = params
  if (!description) return []
  const listed =
    typeof description === 'function' ? description(params.result, params.error, params.arg, params.meta) : description
  const tags: FullTagDescription[] = []
  for (const tag of listed ?? []) {
    if (tag === undefined || tag === null) continue
    const full = toFullTag(tag)
    if (
      process.env.NODE_ENV !== 'production' &&
      !params.silent &&
      !params.tagTypes.has(full.type) &&
      firstWarning(params, full.type)
    ) {
      warnInDevelopment(
        `Endpoint '${params.endpointName}' uses tag type '${full.type}', which is not in \`tagTypes\`. ` +
          `Add it to \`tagTypes\` in createApi (or \`enhanceEndpoints({ addTagTypes })\`).`,
      )
    }
    tags.push(full)
  }
  return tags
}

export function tagIdKey(tag: FullTagDescription): string {
  return tag.id === undefined ? UNTAGGED_ID : String(tag.id)
}

export function sameTags(a: readonly FullTagDescription[] | undefined, b: readonly FullTagDescription[]): boolean {
  if (!a || a.length !== b.length) return false
  return a.every((tag, i) => tag.type === b[i]?.type && tag.id === b[i]?.id)
}
