import { useRouter } from 'next/router'
import { type FormEvent, useState } from 'react'
import { useEditPostMutation, useGetPostQuery } from '../../../lib/api'

// Client-rendered form: saving invalidates the post and the list, then goes
// back to the list, which shows the new title without a reload.
export default function EditPost() {
  const router = useRouter()
  const id = Number(router.query.id)
  const { data: post } = useGetPostQuery(id, { skip: !router.isReady })
  if (!post) return <p data-testid="loading">Loading…</p>
  return <EditForm key={post.id} id={id} initialTitle={post.title} />
}

function EditForm({ id, initialTitle }: { id: number; initialTitle: string }) {
  const router = useRouter()
  const [title, setTitle] = useState(initialTitle)
  const [editPost, { isLoading, isError }] = useEditPostMutation()

  async function save(event: FormEvent) {
    event.preventDefault()
    await editPost({ id, title }).unwrap()
    await router.push('/')
  }

  return (
    <form onSubmit={(event) => void save(event).catch(() => {})}>
      <h1>Edit post {id}</h1>
      <input data-testid="title-input" value={title} onChange={(event) => setTitle(event.target.value)} />
      <button data-testid="save" type="submit" disabled={isLoading}>
        Save
      </button>
      {isError && <p data-testid="error">Could not save the post.</p>}
    </form>
  )
}
