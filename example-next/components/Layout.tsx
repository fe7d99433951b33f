import Link from 'next/link'
import type { ReactNode } from 'react'

export function Layout({ children }: { children: ReactNode }) {
  return (
    <main style={{ fontFamily: 'sans-serif', maxWidth: 640, margin: '2rem auto' }}>
      <nav style={{ display: 'flex', gap: '1rem' }}>
        <Link href="/">Posts (ISR)</Link>
        <Link href="/client">Posts (client only)</Link>
        <Link href="/ssr/posts/1">Post 1 (SSR)</Link>
        <Link href="/suspense/1">Post 1 (Suspense)</Link>
      </nav>
      {children}
    </main>
  )
}
