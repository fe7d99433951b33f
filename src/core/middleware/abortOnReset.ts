import type { MiddlewareHandler } from './types'

/**
 * On `resetApiState`, aborts every request this store has running, so no
 * request outlives a server render that reset its store.
 */
export const abortOnReset: MiddlewareHandler = ({ action }, { ctx, internals }) => {
  if (!ctx.actions.resetApiState.match(action)) return
  const running = [...internals.runningQueries.values(), ...internals.runningMutations.values()]
  internals.runningQueries.clear()
  internals.runningMutations.clear()
  for (const request of running) request.abort('resetApiState')
}
