import { apiSliceError } from './errors'
import type { SerializeQueryArgs } from './types/definitions'

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

// Arguments are often the same object passed again on every render; remember
// their serialization so each call is O(1) after the first.
const serializedObjects = new WeakMap<object, string>()

function sortedKeysReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`
  if (!isPlainObject(value)) return value
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) sorted[key] = value[key]
  return sorted
}

/**
 * The default cache key: `endpointName(JSON)`, with plain-object keys sorted
 * so `{ a, b }` and `{ b, a }` share an entry. BigInts are written as `12n`.
 *
 * @throws when the argument cannot be serialized (for example a cycle); the
 *   message names the endpoint and says to pass `serializeQueryArgs`.
 */
export const defaultSerializeQueryArgs: SerializeQueryArgs = ({ endpointName, queryArgs }) => {
  let serialized: string | undefined
  if (typeof queryArgs === 'object' && queryArgs !== null) {
    serialized = serializedObjects.get(queryArgs)
  }
  if (serialized === undefined) {
    try {
      serialized = String(JSON.stringify(queryArgs, sortedKeysReplacer))
    } catch (cause) {
      // The sorting replacer copies objects, so a cycle shows up as deep recursion.
      const reason = cause instanceof RangeError ? 'it contains a cycle' : (cause as Error).message
      throw apiSliceError(
        `Could not build a cache key for an argument of endpoint '${endpointName}': ` +
          `${reason}. Pass an argument that JSON can serialize, ` +
          `or give the endpoint a \`serializeQueryArgs\` function.`,
      )
    }
    if (typeof queryArgs === 'object' && queryArgs !== null) serializedObjects.set(queryArgs, serialized)
  }
  return `${endpointName}(${serialized})`
}
