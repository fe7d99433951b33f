// Timing helpers shared by every scenario: warm-up, repeated samples, medians
// and human-readable durations. All durations are in milliseconds
// (performance.now()) until they are formatted.

/** Collects garbage between samples when node runs with --expose-gc; a no-op otherwise. */
export function collectGarbage() {
  if (typeof globalThis.gc === 'function') globalThis.gc()
}

export const gcExposed = typeof globalThis.gc === 'function'

export function median(values) {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Times one (possibly async) call, in ms. */
export async function timeOnce(run) {
  const start = performance.now()
  await run()
  return performance.now() - start
}

/**
 * Runs `op(i)` `warmup` times untimed, then `samples` times, timing each call
 * on its own. Returns the samples in ms.
 */
export async function sampleEach({ warmup = 0, samples, op }) {
  for (let i = 0; i < warmup; i++) await op(i)
  collectGarbage()
  const times = new Array(samples)
  for (let i = 0; i < samples; i++) {
    const start = performance.now()
    await op(i)
    times[i] = performance.now() - start
  }
  return times
}

/** Summary of samples (ms): median, min, max and count. */
export function summarize(times) {
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), samples: times.length }
}

/** 12.3 µs, 4.56 ms, 1.23 s: three significant figures in the unit that suits. */
export function formatDuration(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return 'n/a'
  const abs = Math.abs(ms)
  if (abs < 1) return `${(ms * 1000).toPrecision(3)} µs`
  if (abs < 1000) return `${ms.toPrecision(3)} ms`
  return `${(ms / 1000).toPrecision(3)} s`
}

/** `a ÷ b` as "123×", or n/a when either side is missing or `b` is too small to divide by meaningfully. */
export function formatRatio(ratio) {
  if (ratio === undefined || ratio === null || !Number.isFinite(ratio)) return 'n/a'
  if (ratio >= 100) return `${Math.round(ratio).toLocaleString('en-US')}×`
  return `${ratio.toPrecision(3)}×`
}

export function ratioOf(numerator, denominator, minDenominator = 0) {
  if (typeof numerator !== 'number' || typeof denominator !== 'number') return undefined
  if (!(denominator > minDenominator)) return undefined
  return numerator / denominator
}
