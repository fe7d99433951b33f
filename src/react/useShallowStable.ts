import { shallowEqual } from 'react-redux'
import { useRef } from 'react'

/** The previous object while it is shallow-equal to the new one, so option objects written inline stay stable. @internal */
export function useShallowStable<T extends object>(value: T): T {
  const ref = useRef(value)
  if (!shallowEqual(ref.current, value)) ref.current = value
  return ref.current
}
