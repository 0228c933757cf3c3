/**
 * Escaping for every renderer that embeds untrusted text (model output, prompts, ids from files).
 * One place, so a new format cannot forget a character.
 */
import stripAnsi from 'strip-ansi';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and attribute values (quoted). Also valid XML. */
export function escapeHtml(text: string): string {
  return stripControl(text).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/**
 * XML 1.0 forbids most C0 controls even as entities; drop them (and lone surrogates survive as is).
 * Terminal escape sequences go whole first (the same strip-ansi the terminal sanitizer uses), so an
 * OSC title sequence leaves no `]0;…` residue in the page.
 */
export function stripControl(text: string): string {
  return stripAnsi(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/**
 * Text inside a GitHub-flavoured Markdown table cell or paragraph: HTML is escaped (GitHub would
 * otherwise render tags), pipes and newlines would break the table, and leading Markdown syntax is
 * neutralised by escaping the characters that start constructs.
 */
export function escapeMarkdown(text: string): string {
  const md = stripControl(text).replace(/\\/g, '\\\\').replace(/([`*_[\]|#~])/g, '\\$1');
  // HTML escaping last: the entities it writes (&#39;) must not get Markdown escapes inside them
  // a bare \r (old Mac line end, or a progress-bar trick in model output) is a line break too
  return escapeHtml(md).replace(/\r\n|\r|\n/g, '<br>');
}
