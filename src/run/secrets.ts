/**
 * Secrets never land in results: the config snapshot in a manifest keeps the *names* of environment
 * variables (apiKeyEnv: OPENAI_API_KEY) and drops any value that looks like a credential.
 */
// `token(?!s)`: maxTokens is a count, not a credential
const SECRET_KEY = /(api[-_]?key|access[-_]?key|private[-_]?key|^key$|secret|token(?!s)|password|passwd|authorization|^auth$|cookie|credential|bearer|signature)/i;
/** a value that only references environment variables, e.g. "Bearer ${OPENAI_API_KEY}", carries no secret */
const ONLY_ENV_REFS = /^[^$]*(\$\{[A-Za-z_][A-Za-z0-9_]*\}[^$]*)+$/;
/** literal credentials whatever key they sit under: bearer tokens and common key prefixes */
const SECRET_VALUE = /^(bearer|basic)\s+\S{8,}|^(sk|pk|rk)-[A-Za-z0-9_-]{12,}|^(ghp|gho|xox[abp])[-_][A-Za-z0-9]{8,}|^AKIA[0-9A-Z]{16}$/i;

export function isSecretEntry(key: string, value: unknown): boolean {
  if (/Env$/.test(key) && typeof value === 'string') return false; // the name of a variable, not its value
  if (typeof value === 'string') {
    if (SECRET_VALUE.test(value.trim()) && !ONLY_ENV_REFS.test(value)) return true;
    return SECRET_KEY.test(key) && !ONLY_ENV_REFS.test(value);
  }
  // a nested object under a secret-looking key (e.g. `auth: {user, pass}`) goes entirely
  return SECRET_KEY.test(key) && value !== null && typeof value === 'object';
}

/** A deep copy of `value` without secret-looking entries. Pure. */
export function scrubSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v)) as T;
  if (value === null || typeof value !== 'object') {
    return (typeof value === 'string' && SECRET_VALUE.test(value.trim()) ? '[removed]' : value) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (isSecretEntry(k, v)) continue;
    out[k] = scrubSecrets(v);
  }
  return out as T;
}
