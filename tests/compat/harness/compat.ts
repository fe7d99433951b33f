import { expect, it, vi } from 'vitest'
import { apiSlice, type Library, rtkQuery } from './libraries'
import { type Observation, Recorder } from './recorder'
import { type DifferenceId, type IntentionalDifference, intentionalDifferences } from '../allowList'

export interface ScenarioOptions {
  /**
   * Intentional differences this scenario shows (ids from `tests/compat/allowList.ts`).
   * Each one adjusts both observations before they are compared; nothing else may differ.
   */
  differences?: DifferenceId[]
  /** The scenario is expected to throw in both libraries (the error's name is compared). Default: false. */
  throws?: boolean
  /** Milliseconds of fake time to let pass after the scenario, before the final state is read. Default: 1,000. */
  settleFor?: number
  /** Redux Toolkit's serializability and immutability checks in the store. Default: true. */
  devChecks?: boolean
  /**
   * `process.env.NODE_ENV` while the scenario runs (vitest sets 'test'). Both libraries read it at run
   * time, so 'development' shows checks RTK Query runs only there, and 'production' shows what ships.
   */
  nodeEnv?: 'development' | 'production' | 'test'
}

export type ScenarioBody = (t: Recorder) => Promise<void> | void

/** The fake clock's start: both runs see the same `Date.now()` at every step. */
const START_TIME = Date.UTC(2026, 0, 1)

/** Runs `body` against one library and returns what it observed. */
export async function observe(lib: Library, body: ScenarioBody, options: ScenarioOptions = {}): Promise<Observation> {
  const nodeEnv = process.env.NODE_ENV
  const env = process.env as Record<string, string | undefined>
  if (options.nodeEnv) env.NODE_ENV = options.nodeEnv
  vi.useFakeTimers({ now: START_TIME, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  const recorder = new Recorder(lib, { devChecks: options.devChecks ?? true })
  try {
    try {
      await body(recorder)
      recorder.log('scenario', 'completed')
    } catch (error) {
      if (!options.throws) {
        throw new Error(`The scenario threw with ${lib.name}: ${(error as Error)?.message}`, { cause: error })
      }
      recorder.log('scenario threw', (error as Error)?.name ?? typeof error)
    }
    await recorder.advance(options.settleFor ?? 1000)
    return recorder.finish()
  } finally {
    await recorder.cleanup()
    vi.clearAllTimers()
    vi.useRealTimers()
    env.NODE_ENV = nodeEnv
  }
}

function adjust(observation: Observation, options: ScenarioOptions): Observation {
  let adjusted = observation
  const all = Object.entries(intentionalDifferences) as [DifferenceId, IntentionalDifference][]
  for (const [id, difference] of all) {
    if (difference.always || options.differences?.includes(id)) adjusted = difference.adjust(adjusted)
  }
  return adjusted
}

/**
 * One compatibility scenario: `body` is written once against the public API,
 * runs with RTK Query and then with api-slice, and both must observe the same
 * actions, requests, final state, logged values, hook renders and console
 * calls (see `Observation`).
 */
export function compat(name: string, body: ScenarioBody, options: ScenarioOptions = {}): void {
  it(name, async () => {
    const theirs = adjust(await observe(rtkQuery, body, options), options)
    const ours = adjust(await observe(apiSlice, body, options), options)
    expect(ours).toEqual(theirs)
  })
}

export { apiSlice, rtkQuery }
