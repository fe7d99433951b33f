import path from 'node:path'
import type { NextConfig } from 'next'

// api-slice is installed from the parent folder ("file:.."), as a symlink, so its
// files import React, react-redux and Redux Toolkit from the parent's
// node_modules: a second copy of each, whose hooks find no store. The aliases
// below send every such import to this app's copy. Turbopack (Next's default
// bundler) applies its resolveAlias only inside the app's folder, so the app
// builds with webpack (`next build --webpack`).
const shared = ['react', 'react-dom', 'react-redux', '@reduxjs/toolkit', 'immer']

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Trace server files from the parent folder too: the linked package lives there.
  outputFileTracingRoot: path.join(__dirname, '..'),
  webpack(config) {
    for (const name of shared) config.resolve.alias[name] = path.join(__dirname, 'node_modules', name)
    return config
  },
}

export default nextConfig
