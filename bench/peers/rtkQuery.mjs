// RTK Query, the library api-slice mirrors (devDependency @reduxjs/toolkit).
// Its cost per query grows with the cache, so it gets fewer iterations; it also
// starts timers, so run.mjs ends the process with process.exit(0).
import { createApi, fakeBaseQuery } from '@reduxjs/toolkit/query'
import { createReduxPeer } from './reduxPeer.mjs'

export const rtkQueryPeer = createReduxPeer({
  name: 'RTK Query',
  createApi,
  fakeBaseQuery,
  iterations: {
    singleQuery: { 0: 200, 1000: 40, 5000: 20 },
    manyQueriesRepeats: 3,
    manyQueriesWarmup: 0,
    upsertEntriesRepeats: 9,
    upsertEntriesWarmup: 2,
    updateQueryDataSamples: 500,
    updateQueryDataWarmup: 100,
  },
})
