import type { ProductDetail } from '@shop/shared';

/**
 * What a page's <head> says before any script runs, for search engines and link previews: title, description,
 * canonical address, Open Graph, and for a product schema.org `Product` data. Everything from the catalog is
 * escaped for where it goes: attribute values as HTML text, the JSON-LD so that no `</script>` (or `<!--`) in a
 * product's name can end the script element it sits in.
 */

/** The same suffix the web shop's pages give their titles (webshop/src/ui/page.tsx). */
const SHOP_TITLE = 'Computer Shop';
const DESCRIPTION_CHARS = 160;

export interface PageHead {
  title: string;
  description: string;
  canonical: string;
  openGraph?: Record<string, string>;
  jsonLd?: object;
}

export function productHead(product: ProductDetail, origin: string): PageHead {
  const canonical = `${origin}/products/${encodeURIComponent(product.slug)}`;
  const price = dollars(product.priceCents);
  const description = clip(
    product.description.trim() ||
      `${product.brand.name} ${product.name} (${product.category.name}), US$${price}, from a computer shop in Cambodia.`,
  );
  const image = product.images[0]?.url ?? product.imageUrl;
  const imageUrl = image ? absolute(image, origin) : undefined;
  return {
    title: `${product.name} · ${SHOP_TITLE}`,
    description,
    canonical,
    openGraph: {
      'og:type': 'product',
      'og:title': product.name,
      'og:description': description,
      'og:url': canonical,
      ...(imageUrl && { 'og:image': imageUrl }),
      'og:site_name': SHOP_TITLE,
    },
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: product.name,
      sku: product.sku,
      brand: { '@type': 'Brand', name: product.brand.name },
      ...(imageUrl && { image: imageUrl }),
      description,
      category: product.category.name,
      offers: {
        '@type': 'Offer',
        price,
        priceCurrency: 'USD',
        availability:
          product.availability === 'out_of_stock'
            ? 'https://schema.org/OutOfStock'
            : 'https://schema.org/InStock',
        url: canonical,
      },
    },
  };
}

export function categoryHead(
  category: { slug: string; name: string; name_km: string },
  origin: string,
): PageHead {
  return {
    title: `${category.name} · ${SHOP_TITLE}`,
    // Both languages in one line: the page is the same address in English and Khmer.
    description: clip(
      `${category.name} (${category.name_km}) in Cambodia: prices in US dollars, stock shown, delivery to every province.`,
    ),
    canonical: `${origin}/c/${encodeURIComponent(category.slug)}`,
  };
}

/** The tags of a head, one a line. */
export function headTags(head: PageHead): string {
  const tags = [
    `<title>${htmlText(head.title)}</title>`,
    `<meta name="description" content="${htmlText(head.description)}" />`,
    `<link rel="canonical" href="${htmlText(head.canonical)}" />`,
    ...Object.entries(head.openGraph ?? {}).map(
      ([property, content]) => `<meta property="${property}" content="${htmlText(content)}" />`,
    ),
  ];
  if (head.jsonLd) tags.push(`<script type="application/ld+json">${scriptJson(head.jsonLd)}</script>`);
  return tags.join('\n    ');
}

/**
 * The built index.html cut where a page's own head goes: its default title and description are taken out (a page
 * without a head of its own gets them back).
 */
export interface PageTemplate {
  withHead(tags: string): string;
}

export function pageTemplate(indexHtml: string): PageTemplate {
  const defaults = /\s*<title>[\s\S]*?<\/title>|\s*<meta\s+name="description"[^>]*>/gi;
  const stripped = indexHtml.replace(defaults, '');
  const at = stripped.search(/<\/head>/i);
  if (at < 0) return { withHead: () => indexHtml };
  const before = stripped.slice(0, at).replace(/\s*$/, '');
  const after = stripped.slice(at);
  return { withHead: (tags) => `${before}\n    ${tags}\n  ${after}` };
}

/** JSON that can sit inside a <script> element: no `<`, `>` or `&` as such, nor the two JavaScript line breaks. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** US dollars as schema.org wants a price: a decimal string with a point, "1299.00". */
function dollars(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function absolute(url: string, origin: string): string {
  return /^https?:\/\//i.test(url) ? url : `${origin}${url.startsWith('/') ? '' : '/'}${url}`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= DESCRIPTION_CHARS ? flat : `${flat.slice(0, DESCRIPTION_CHARS - 1).trimEnd()}…`;
}
