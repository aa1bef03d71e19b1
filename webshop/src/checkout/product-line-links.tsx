import { Link } from 'react-router';
import { ProductThumb } from './product-thumb';

/**
 * A product line's two ways to its page (a cart line, a wishlist row): the picture, a mouse target kept out of the
 * tab order and from screen readers so the product is announced once, and the name, the link they reach.
 */
export function ProductThumbLink({
  href,
  src,
  alt,
  className,
}: {
  href: string;
  src: string | null;
  alt: string;
  className: string;
}) {
  return (
    <Link to={href} tabIndex={-1} aria-hidden="true" className="shrink-0">
      <ProductThumb src={src} alt={alt} className={className} />
    </Link>
  );
}

export function ProductNameLink({ href, name }: { href: string; name: string }) {
  return (
    <Link to={href} className="line-clamp-2 font-semibold text-ink hover:text-brand-700 hover:underline">
      {name}
    </Link>
  );
}
