import { asLocale, escapeHtml } from '@shop/shared';
import type { ShopIdentity } from '../modules/settings/service';
import { en } from './copy/en';
import { km } from './copy/km';
import type { Block, MailContent, MailCopy, MailData, MailLocale, MailTemplate } from './copy/mail-copy';

export { MAIL_TEMPLATES } from './copy/mail-copy';
export type { MailData, MailLocale, MailTemplate } from './copy/mail-copy';

/**
 * The shop's mails, in English and Khmer, each as responsive HTML (table layout, inline styles: what mail clients
 * render reliably) and as plain text built from the same content. Every value put into the HTML is escaped.
 * Subjects never contain a code or a link: they end up in mail logs and lock-screen previews. The words are in
 * copy/en.ts and copy/km.ts; this file only lays them out.
 */

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const copies: Record<MailLocale, MailCopy> = { en, km };

/** Renders one mail: subject, HTML and plain text, with the shop's name, logo and contact details. */
export function renderMail<T extends MailTemplate>(
  template: T,
  locale: MailLocale,
  data: MailData[T],
  shop: ShopIdentity,
): RenderedMail {
  const lang: MailLocale = asLocale(locale);
  const build = copies[lang].mails[template] as (data: MailData[T], shop: string) => MailContent | undefined;
  if (typeof build !== 'function') throw new Error(`unknown mail template: ${String(template)}`);
  const shopName = lang === 'km' ? shop.nameKm || shop.name : shop.name;
  const content = build(data, shopName);
  if (!content) throw new Error(`unknown mail template: ${String(template)}`);
  for (const block of content.blocks) {
    if (block.kind === 'button' || block.kind === 'link') assertWebUrl(block.url, template);
  }
  return {
    subject: oneLine(content.subject),
    html: renderHtml(lang, content, shop, shopName),
    text: renderText(lang, content, shop, shopName),
  };
}

function assertWebUrl(url: string, template: string): void {
  if (!/^https?:\/\/[^\s]+$/i.test(url))
    throw new Error(`mail ${template}: links must be absolute http(s) URLs`);
}

const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------------------- text

function renderText(locale: MailLocale, content: MailContent, shop: ShopIdentity, shopName: string): string {
  const parts: string[] = [];
  for (const block of content.blocks) {
    switch (block.kind) {
      case 'p':
      case 'note':
      case 'quote':
        parts.push(block.text);
        break;
      case 'code':
        parts.push(`    ${block.code}`);
        break;
      case 'rows':
        parts.push(block.rows.map((r) => `${r.label}: ${r.value}`).join('\n'));
        break;
      case 'button':
        parts.push(`${block.label}:\n${block.url}`);
        break;
      case 'link':
        parts.push(`${block.label}\n${block.url}`);
        break;
    }
  }
  const contact = contactLines(shop);
  parts.push(['--', shopName, ...contact.map((c) => c.text)].join('\n'));
  parts.push(copies[locale].why(shopName));
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------- html

const COLORS = {
  page: '#f1f5f9',
  card: '#ffffff',
  text: '#0f172a',
  muted: '#64748b',
  border: '#e2e8f0',
  accent: '#1d4ed8',
  codeBg: '#f8fafc',
};

const FONTS: Record<MailLocale, { family: string; lineHeight: string }> = {
  en: {
    family: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
    lineHeight: '1.6',
  },
  // Khmer stacks subscripts and vowels above and below the line: it needs a Khmer font and more line height.
  km: {
    family:
      "'Noto Sans Khmer', 'Khmer OS Siemreap', 'Khmer OS System', 'Khmer OS', 'Leelawadee UI', 'Khmer UI', Arial, sans-serif",
    lineHeight: '1.9',
  },
};

const MONO = "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'Courier New', monospace";

function renderHtml(locale: MailLocale, content: MailContent, shop: ShopIdentity, shopName: string): string {
  const font = FONTS[locale];
  const e = escapeHtml;
  const body = content.blocks.map((block) => htmlBlock(block, font)).join('\n');
  const logo =
    shop.logoUrl && /^https?:\/\/[^\s]+$/i.test(shop.logoUrl)
      ? `<img src="${e(shop.logoUrl)}" alt="${e(shopName)}" height="40" style="display:block;height:40px;width:auto;max-width:200px;border:0;outline:none;text-decoration:none;margin:0 0 8px 0;">`
      : '';
  const contact = contactLines(shop)
    .map((c) =>
      c.kind === 'email'
        ? `<a href="mailto:${e(c.text)}" style="color:${COLORS.muted};text-decoration:underline;">${e(c.text)}</a>`
        : e(c.text),
    )
    .join('<br>');

  return `<!DOCTYPE html>
<html lang="${locale}" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<title>${e(content.subject)}</title>
<style>
  @media only screen and (max-width: 620px) {
    .card { padding: 24px 18px !important; }
    .code { font-size: 28px !important; letter-spacing: 6px !important; }
  }
</style>
</head>
<body style="margin:0;padding:0;background-color:${COLORS.page};-webkit-text-size-adjust:100%;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px;color:${COLORS.page};">${e(content.preheader)}</div>
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color:${COLORS.page};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="max-width:600px;width:100%;">
<tr><td style="padding:0 4px 16px 4px;font-family:${font.family};color:${COLORS.text};">
${logo}<div style="font-size:20px;font-weight:700;line-height:1.4;color:${COLORS.text};">${e(shopName)}</div>
</td></tr>
<tr><td class="card" style="background-color:${COLORS.card};border:1px solid ${COLORS.border};border-radius:10px;padding:32px 36px;font-family:${font.family};font-size:16px;line-height:${font.lineHeight};color:${COLORS.text};">
${body}
</td></tr>
<tr><td style="padding:20px 4px;font-family:${font.family};font-size:13px;line-height:${font.lineHeight};color:${COLORS.muted};">
<strong style="color:${COLORS.text};">${e(shopName)}</strong>${contact ? `<br>${contact}` : ''}
<p style="margin:12px 0 0 0;">${e(copies[locale].why(shopName))}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function htmlBlock(block: Block, font: { family: string; lineHeight: string }): string {
  const e = escapeHtml;
  switch (block.kind) {
    case 'p':
      return `<p style="margin:0 0 16px 0;">${e(block.text)}</p>`;
    case 'note':
      return `<p style="margin:16px 0 0 0;font-size:14px;color:${COLORS.muted};">${e(block.text)}</p>`;
    case 'quote':
      return `<div style="margin:0 0 16px 0;padding:12px 16px;border-left:4px solid ${COLORS.accent};background-color:${COLORS.codeBg};white-space:pre-wrap;">${e(block.text)}</div>`;
    case 'rows':
      return `<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="margin:0 0 16px 0;border-collapse:collapse;">
${block.rows
  .map((r) => {
    const weight = r.strong ? 'font-weight:700;' : '';
    const cell = `padding:6px 0;border-bottom:1px solid ${COLORS.border};${weight}`;
    return `<tr><td style="${cell}">${e(r.label)}</td><td align="right" style="${cell}padding-left:12px;white-space:nowrap;">${e(r.value)}</td></tr>`;
  })
  .join('\n')}
</table>`;
    case 'code':
      return `<table role="presentation" cellspacing="0" cellpadding="0" border="0" style="margin:8px 0 24px 0;">
<tr><td class="code" style="background-color:${COLORS.codeBg};border:1px solid ${COLORS.border};border-radius:8px;padding:14px 24px;font-family:${MONO};font-size:34px;font-weight:700;letter-spacing:8px;line-height:1.2;color:${COLORS.text};text-align:center;">${e(block.code)}</td></tr>
</table>`;
    case 'button':
      return `<table role="presentation" cellspacing="0" cellpadding="0" border="0" style="margin:8px 0 24px 0;">
<tr><td align="center" bgcolor="${COLORS.accent}" style="border-radius:6px;background-color:${COLORS.accent};">
<a href="${e(block.url)}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 28px;font-family:${font.family};font-size:16px;font-weight:600;line-height:1.5;color:#ffffff;text-decoration:none;border-radius:6px;">${e(block.label)}</a>
</td></tr>
</table>`;
    case 'link':
      return `<p style="margin:0 0 16px 0;font-size:14px;color:${COLORS.muted};">${e(block.label)}<br>
<a href="${e(block.url)}" target="_blank" rel="noopener" style="color:${COLORS.accent};word-break:break-all;">${e(block.url)}</a></p>`;
  }
}

function contactLines(shop: ShopIdentity): { kind: 'phone' | 'email' | 'address'; text: string }[] {
  const lines: { kind: 'phone' | 'email' | 'address'; text: string }[] = [];
  if (shop.phone) lines.push({ kind: 'phone', text: oneLine(shop.phone) });
  if (shop.supportEmail) lines.push({ kind: 'email', text: oneLine(shop.supportEmail) });
  if (shop.address) lines.push({ kind: 'address', text: oneLine(shop.address) });
  return lines;
}
