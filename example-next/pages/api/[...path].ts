import type { NextApiRequest, NextApiResponse } from 'next'
import { handleApi } from '../../lib/posts'

// GET /api/posts, GET|PATCH /api/posts/:id, POST /api/reset (see lib/posts.ts).
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const path = ([] as string[]).concat(req.query.path ?? []).join('/')
  const { status, body } = handleApi(req.method ?? 'GET', path, req.body)
  res.status(status).json(body)
}
