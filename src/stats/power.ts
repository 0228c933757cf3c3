/** Power and the minimum detectable effect, so "no significant tax" comes with what it could have seen. */
import { bisect, zQuantile } from './quantiles.js';

export interface PowerOptions { alpha?: number; power?: number }

const zs = (o: PowerOptions) => ({ za: zQuantile(1 - (o.alpha ?? 0.05) / 2), zb: zQuantile(o.power ?? 0.8) });

/**
 * Connor (1987) sample size for McNemar's test: n = [z_{α/2}√ψ + z_β√(ψ − δ²)]² / δ²,
 * ψ = p10 + p01 (discordance), δ = p10 − p01. Unrounded; sampleSizePaired rounds up.
 */
export function connorN(delta: number, psi: number, o: PowerOptions = {}): number {
  const { za, zb } = zs(o);
  return connorWith(za, zb, delta, psi);
}

function connorWith(za: number, zb: number, delta: number, psi: number): number {
  const d = Math.abs(delta);
  return (za * Math.sqrt(psi) + zb * Math.sqrt(Math.max(0, psi - d * d))) ** 2 / (d * d);
}

/** Paired cases needed to detect a difference `delta` when the discordance is `psi`. */
export function sampleSizePaired(delta: number, psi: number, o: PowerOptions = {}): number {
  if (!(delta !== 0 && psi > 0)) return Infinity;
  return Math.ceil(connorN(delta, psi, o) - 1e-6); // tolerance: δ from mdePaired is a root to ~1e-12
}

/**
 * Minimum detectable paired difference for n cases: Connor's formula inverted for δ. n(δ) falls
 * monotonically on (0, √ψ], reaching z²_{α/2} at √ψ, so a root exists whenever n > z²_{α/2}.
 * Returns null when n is too small to detect any difference.
 */
export function mdePaired(n: number, psi: number, o: PowerOptions = {}): number | null {
  if (!(n > 0 && psi > 0)) return null;
  const { za, zb } = zs(o); // once: the bisection evaluates n(δ) ~40 times
  const top = Math.min(1, Math.sqrt(psi));
  if (connorWith(za, zb, top, psi) > n) return null;
  return bisect((d) => connorWith(za, zb, d, psi) - n, 1e-9, top);
}

/** Variance components of Miller (2024) recommendation 4. */
export interface MillerVariance {
  /** ω²: variance of the true per-question difference */
  omega2: number;
  /** σ²_A, σ²_B: within-question (sampling) variance of each model's score */
  sigmaA2: number;
  sigmaB2: number;
  /** samples per question for each model */
  kA?: number;
  kB?: number;
}

const millerVar = (v: MillerVariance) => v.omega2 + v.sigmaA2 / (v.kA ?? 1) + v.sigmaB2 / (v.kB ?? 1);

/** Miller (2024) Eq. for paired questions: n = (z_{α/2} + z_β)² (ω² + σ²_A/K_A + σ²_B/K_B) / δ², rounded up. */
export function millerSampleSize(delta: number, v: MillerVariance, o: PowerOptions = {}): number {
  const { za, zb } = zs(o);
  return Math.ceil(((za + zb) ** 2 * millerVar(v)) / (delta * delta) - 1e-9);
}

/** Miller's formula solved for δ at a given number of questions. */
export function millerMde(n: number, v: MillerVariance, o: PowerOptions = {}): number {
  const { za, zb } = zs(o);
  return (za + zb) * Math.sqrt(millerVar(v) / n);
}
