/**
 * JSON text that is safe to put inside an HTML `<script>` element. JSON.stringify
 * alone is not: a string holding `</script>` closes the element early and the
 * rest of it runs as markup, `<!--` changes how the script's end is found, and
 * U+2028/U+2029 end a line in older JavaScript parsers. Each of `<`, `>`, `&`,
 * U+2028 and U+2029 is written as a `\uXXXX` escape instead; these characters
 * can only occur inside JSON strings, where the escape means the same
 * character, so `JSON.parse` (or `deserializeState`) reads the value back
 * unchanged.
 *
 * For frameworks that embed state by hand, e.g.
 * `<script id="state" type="application/json">${serializeState(toClientState(state))}</script>`.
 * next-redux-wrapper does not need it: Next serializes page props itself.
 */
export function serializeState(value: unknown): string {
  const json = JSON.stringify(value)
  if (json === undefined) {
    throw new TypeError(
      `[api-slice] serializeState: a value of type ${typeof value} has no JSON form. Pass the state object (for example toClientState(store.getState())).`,
    )
  }
  return json.replace(UNSAFE, (character) => ESCAPES[character as keyof typeof ESCAPES])
}

/** The inverse of `serializeState`: the value its text describes. */
export function deserializeState<T = unknown>(text: string): T {
  return JSON.parse(text) as T
}

const UNSAFE = /[<>&\u2028\u2029]/g

const ESCAPES = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
} as const
