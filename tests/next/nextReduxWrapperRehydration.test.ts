import { HYDRATE as wrapperHydrate } from 'next-redux-wrapper'
import { HYDRATE, nextReduxWrapperRehydration } from 'api-slice/next'
import { describe, expect, it } from 'vitest'

const extract = nextReduxWrapperRehydration()
const apiState = { queries: {}, mutations: {}, provided: { tags: {}, keys: {} }, subscriptions: {} }

describe('HYDRATE', () => {
  it("is next-redux-wrapper's action type", () => {
    expect(HYDRATE).toBe(wrapperHydrate)
  })
})

describe('nextReduxWrapperRehydration', () => {
  it("returns the api's part of a HYDRATE payload", () => {
    const action = { type: HYDRATE, payload: { api: apiState, counter: 3 } }
    expect(extract(action, { reducerPath: 'api' })).toBe(apiState)
  })

  it('reads the part under the reducerPath it is asked for', () => {
    const other = { ...apiState }
    const action = { type: HYDRATE, payload: { api: apiState, otherApi: other } }
    expect(extract(action, { reducerPath: 'otherApi' })).toBe(other)
  })

  it('returns undefined for every other action', () => {
    expect(extract({ type: 'posts/loaded', payload: { api: apiState } }, { reducerPath: 'api' })).toBeUndefined()
    expect(extract({ type: 'api/executeQuery/fulfilled' }, { reducerPath: 'api' })).toBeUndefined()
  })

  it('returns undefined for a HYDRATE payload that is not an object', () => {
    for (const payload of [undefined, null, 'api', 42, true, [apiState]]) {
      expect(extract({ type: HYDRATE, payload }, { reducerPath: 'api' })).toBeUndefined()
    }
    expect(extract({ type: HYDRATE }, { reducerPath: 'api' })).toBeUndefined()
  })

  it('returns undefined for a payload without the api key (a page rendered without this api)', () => {
    expect(extract({ type: HYDRATE, payload: { counter: 3 } }, { reducerPath: 'api' })).toBeUndefined()
  })

  it('returns undefined when the payload holds another reducerPath only', () => {
    expect(extract({ type: HYDRATE, payload: { otherApi: apiState } }, { reducerPath: 'api' })).toBeUndefined()
  })

  it("does not read inherited properties such as 'constructor' or 'toString'", () => {
    expect(extract({ type: HYDRATE, payload: {} }, { reducerPath: 'constructor' })).toBeUndefined()
    expect(extract({ type: HYDRATE, payload: {} }, { reducerPath: 'toString' })).toBeUndefined()
  })
})
