import type { InfiniteData, InfiniteQueryOptions, PageDirection } from './types/infinite'

/** Pure page arithmetic of infinite queries, shared by the request runner and the selectors. @internal */

type Options = InfiniteQueryOptions<unknown, unknown, unknown>

export function isInfiniteData(value: unknown): value is InfiniteData<unknown, unknown> {
  const data = value as InfiniteData<unknown, unknown> | undefined
  return Array.isArray(data?.pages) && Array.isArray(data?.pageParams) && data.pages.length === data.pageParams.length
}

export function nextPageParam(options: Options, data: InfiniteData<unknown, unknown>, queryArg: unknown): unknown {
  const last = data.pages.length - 1
  if (last < 0) return undefined
  return options.getNextPageParam(data.pages[last], data.pages, data.pageParams[last], data.pageParams, queryArg)
}

export function previousPageParam(options: Options, data: InfiniteData<unknown, unknown>, queryArg: unknown): unknown {
  if (!options.getPreviousPageParam || !data.pages.length) return undefined
  return options.getPreviousPageParam(data.pages[0], data.pages, data.pageParams[0], data.pageParams, queryArg)
}

/** Adds a page at the end (forward) or the start (backward), dropping from the other end past `maxPages`. */
export function addPage(
  data: InfiniteData<unknown, unknown>,
  page: unknown,
  pageParam: unknown,
  direction: PageDirection,
  maxPages: number | undefined,
): InfiniteData<unknown, unknown> {
  const forward = direction === 'forward'
  let pages = forward ? [...data.pages, page] : [page, ...data.pages]
  let pageParams = forward ? [...data.pageParams, pageParam] : [pageParam, ...data.pageParams]
  if (maxPages !== undefined && maxPages > 0 && pages.length > maxPages) {
    pages = forward ? pages.slice(pages.length - maxPages) : pages.slice(0, maxPages)
    pageParams = forward ? pageParams.slice(pageParams.length - maxPages) : pageParams.slice(0, maxPages)
  }
  return { pages, pageParams }
}

export function hasPage(param: unknown): boolean {
  return param !== undefined && param !== null
}
