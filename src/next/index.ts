// `api-slice/next`: helpers for server rendering with Next.js's Pages Router and
// next-redux-wrapper. It imports the core by package name, as `api-slice/react`
// does, so every entry point shares one core; it loads neither React nor Next.
export { HYDRATE, nextReduxWrapperRehydration, type RehydrationExtractor } from './nextReduxWrapperRehydration'
export { toClientState, REDACTED_ERROR_MESSAGE, type ToClientStateOptions } from './toClientState'
export { serializeState, deserializeState } from './serializeState'
export { prefetchForPage, type PrefetchApi, type PrefetchStore, type PrefetchThunk } from './prefetchForPage'
export { endServerRender, type EndServerRenderApi, type EndServerRenderStore } from './endServerRender'
