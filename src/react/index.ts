// `api-slice/react`: the core, plus React hooks (as RTK Query's `/query/react` is).
export * from 'api-slice'
export { createApi } from './createApi'
export { reactHooksModule, type ReactHooksModuleOptions } from './reactHooksModule'
export { ApiProvider, type ApiProviderProps } from './ApiProvider'
export { QueryError } from './useSuspenseQuery'
export type * from './types'
