import { Marked, Renderer, type Tokens } from "marked";

/**
 * Help articles as HTML. The Markdown is ours, but it is still treated as untrusted: raw HTML in
 * the source is shown as text, links may only go to our pages or to http(s), mail and phone
 * addresses, and images are not loaded. The page title is the only h1, so headings start at h2.
 */

const SAFE_HREF = /^(\/(?!\/)|#|https?:\/\/|mailto:|tel:)/i;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const marked = new Marked({
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return "block" in token && token.block ? `<p>${escapeHtml(token.text.trim())}</p>\n` : escapeHtml(token.text);
    },
    heading(this: Renderer, { tokens, depth }: Tokens.Heading) {
      const level = Math.min(6, Math.max(2, depth));
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    link(this: Renderer, { href, title, tokens }: Tokens.Link) {
      const text = this.parser.parseInline(tokens);
      if (!SAFE_HREF.test(href.trim())) return text;
      const external = /^https?:\/\//i.test(href);
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
      const rel = external ? ` rel="noopener noreferrer" target="_blank"` : "";
      return `<a href="${escapeHtml(href.trim())}"${titleAttr}${rel}>${text}</a>`;
    },
    image({ text }: Tokens.Image) {
      return escapeHtml(text);
    },
    table(this: Renderer, token: Tokens.Table) {
      // Wide tables scroll inside their own box rather than widening the page on a phone.
      return `<div class="help-table" tabindex="0">${Renderer.prototype.table.call(this, token)}</div>`;
    },
  },
});

export function renderHelpMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
