import type { Observation } from './harness/recorder'

/**
 * The intentional differences from RTK Query. Each has one line of why and an
 * `adjust` that removes exactly that difference from an observation (applied to
 * both libraries' observations before they are compared); a scenario lists the
 * ones it shows. Mirrored in docs/migrating-from-rtk-query.md: keep both in step.
 */
export interface IntentionalDifference {
  why: string
  adjust: (observation: Observation) => Observation
  /** Applies to every scenario (a difference in the state's bookkeeping that any scenario can show). */
  always?: boolean
}

function mapLog(observation: Observation, change: (label: string, value: unknown) => unknown): Observation {
  return { ...observation, log: observation.log.map(([label, value]) => [label, change(label, value)]) }
}

/** Replaces every `message` field in a logged value (library error texts are our own wording). */
function withoutMessages(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMessages)
  if (typeof value !== 'object' || value === null) return value
  const copy: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    copy[key] = key === 'message' && typeof field === 'string' ? '<message>' : withoutMessages(field)
  }
  return copy
}

/** `provided.tags` without the tag ids that no cache entry provides any more. */
function withoutEmptyTagLists(state: unknown): unknown {
  if (typeof state !== 'object' || state === null) return state
  const slices: Record<string, unknown> = {}
  for (const [reducerPath, slice] of Object.entries(state)) {
    const provided = (slice as { provided?: { tags?: Record<string, Record<string, unknown[]>> } }).provided
    if (!provided?.tags) {
      slices[reducerPath] = slice
      continue
    }
    const tags: Record<string, Record<string, unknown[]>> = {}
    for (const [type, ids] of Object.entries(provided.tags)) {
      const kept = Object.fromEntries(Object.entries(ids).filter(([, keys]) => keys.length > 0))
      if (Object.keys(kept).length) tags[type] = kept
    }
    slices[reducerPath] = { ...(slice as object), provided: { ...provided, tags } }
  }
  return slices
}

export const intentionalDifferences = {
  'no-empty-tag-lists': {
    why: 'When no cache entry provides a tag id any more, api-slice drops it from `provided.tags`; RTK Query keeps an empty list for it forever, so its index only grows.',
    always: true,
    adjust: (observation) => ({ ...observation, states: observation.states.map(withoutEmptyTagLists) as never }),
  },
  'own-wording': {
    why: 'Errors the library itself raises use our own wording (with RTK Query’s key facts: endpoint, reducerPath, what to do); the error kinds and fields match.',
    adjust: (observation) => mapLog(observation, (_label, value) => withoutMessages(value)),
  },
} satisfies Record<string, IntentionalDifference>

export type DifferenceId = keyof typeof intentionalDifferences
