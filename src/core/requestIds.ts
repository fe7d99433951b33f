import { nanoid } from '@reduxjs/toolkit'

/*
 * Request ids: a random prefix made once per process (so ids from a server
 * render never equal the client's) and a counter. Unique like nanoid's, at a
 * fraction of the cost on a path that runs for every request.
 */
let prefix: string | undefined
let counter = 0

/** A new, unique request id. @internal */
export function nextRequestId(): string {
  prefix ??= nanoid(10)
  counter += 1
  return `${prefix}${counter.toString(36)}`
}
