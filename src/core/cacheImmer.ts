import { Immer } from 'immer'

/**
 * The Immer instance for user recipes on cached data (`updateQueryData`,
 * `merge`). Auto-freeze is off: the cache never freezes data it stores from
 * responses either, and Node copies frozen arrays slowly (a 2,000-item frozen
 * array slices about 100× slower), which a frozen result would make every
 * later update pay.
 *
 * @internal
 */
export const cacheImmer = /* @__PURE__ */ new Immer({ autoFreeze: false })
