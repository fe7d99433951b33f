/**
 * Pass instead of an argument to skip a query: selectors return the
 * uninitialized state and hooks make no request.
 *
 * @example
 * const { data } = useGetPostQuery(id ?? skipToken)
 */
export const skipToken = Symbol.for('RTKQ/skipToken')
export type SkipToken = typeof skipToken
