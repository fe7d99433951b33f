/*
 * `api-slice/react`. The hooks module lands in its own change; until then this
 * entry offers the core, so imports written for it already resolve (RTK
 * Query's `/query/react` also re-exports its core).
 */
export * from '../core/index'
