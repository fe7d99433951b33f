import path from 'node:path'
import type { NextConfig } from 'next'

// api-slice is installed from the parent folder ("file:.."), as a symlink, so its
// files import React, react-redux and Redux Toolkit from the parent's
// node_modules: a second copy of each, whose hooks find no store. The aliases
// below send every such import to this app's copy. Turbopack (Next's default
// bundler) applies its resolveAlias only inside the app's folder, so the app
// builds with webpack (`next build --webpack`).
const shared = ['react', 'react-dom', 'react-redux', '@reduxjs/toolkit', 'immer']

// `API_PEER=rtk` (used by bench/nextDataSize.mjs only) builds the same pages over
// RTK Query instead: lib/api and lib/store resolve to their lib/peer/ variants,
// and the build goes to .next-rtk so that it never replaces the example's .next.
const rtkPeer = process.env.API_PEER === 'rtk'
const peerModules = { 'lib/api': 'lib/peer/rtkApi.ts', 'lib/store': 'lib/peer/rtkStore.ts' }

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Trace server files from the parent folder too: the linked package lives there.
  outputFileTracingRoot: path.join(__dirname, '..'),
  ...(rtkPeer && { distDir: '.next-rtk' }),
  webpack(config) {
    for (const name of shared) config.resolve.alias[name] = path.join(__dirname, 'node_modules', name)
    // Absolute alias keys also match relative imports ('../lib/api') once resolved.
    if (rtkPeer) {
      for (const [from, to] of Object.entries(peerModules))
        config.resolve.alias[path.join(__dirname, from)] = path.join(__dirname, to)
    }
    return config
  },
}

export default nextConfig
