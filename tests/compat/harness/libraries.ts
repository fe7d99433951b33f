// The two libraries every compatibility scenario runs against. Scenarios are
// typed against RTK Query's public types (what a switching user's code is
// written against); api-slice stands in for it through the same names.
import * as rtkCore from '@reduxjs/toolkit/query'
import * as rtkReact from '@reduxjs/toolkit/query/react'
import * as ourCore from 'api-slice'
import * as ourReact from 'api-slice/react'

export type LibraryName = 'rtk-query' | 'api-slice'

/** One library, seen through RTK Query's types: `core` is `/query`, `react` is `/query/react`. */
export interface Library {
  name: LibraryName
  core: typeof rtkCore
  react: typeof rtkReact
}

export const rtkQuery: Library = { name: 'rtk-query', core: rtkCore, react: rtkReact }

export const apiSlice: Library = {
  name: 'api-slice',
  // The one place where api-slice is seen through RTK Query's types: scenarios
  // are written once, against the names a switching user already imports.
  core: ourCore as unknown as typeof rtkCore,
  react: ourReact as unknown as typeof rtkReact,
}
