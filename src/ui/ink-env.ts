/**
 * Import before `ink`. Ink draws only the last frame when it believes it runs in CI (its `is-in-ci`
 * reads CI and CONTINUOUS_INTEGRATION once, when ink loads). alignment-tax renders with Ink only to
 * an interactive terminal (`atax ui` refuses without one; the live run screen needs a TTY), so a CI
 * variable in the environment (a CI job driving the TUI in tmux, a developer's shell) must not turn
 * the screens into a single final frame.
 */
for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) {
  if (key in process.env) process.env[key] = 'false';
}
export {};
