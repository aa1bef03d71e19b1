import express from 'express';

/**
 * The ceiling: Express 5 with one route answering `res.json` of a fixed object shaped and sized like a catalog
 * page (24 products and facets, about 14 KB; real pages are 12-18 KB). Started as a child process by the benchmark (PORT, HOST).
 */

const brands = [
  'AMD',
  'Intel',
  'Kingston',
  'Samsung',
  'ASUS',
  'MSI',
  'Gigabyte',
  'Corsair',
  'Crucial',
  'Dell',
];
const facetBrands = [
  ...brands,
  'Lenovo',
  'HP',
  'Acer',
  'LG',
  'BenQ',
  'Logitech',
  'TP-Link',
  'Seagate',
  'WD',
  'NZXT',
];
const categories = ['CPUs', 'Motherboards', 'Memory', 'SSDs', 'Graphics cards', 'Monitors', 'Laptops'];
const facetCategories = [
  ...categories,
  'Hard drives',
  'Power supplies',
  'Cases',
  'Networking',
  'Accessories',
];

const slugOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

const items = Array.from({ length: 24 }, (_, i) => {
  const brand = brands[i % brands.length]!;
  const category = categories[i % categories.length]!;
  const name = `${brand} Example ${category} ${1000 + i * 37} Pro Edition #${i}`;
  return {
    id: `01M88BRDNYRNCKH6FN3880H${String(i).padStart(3, '0')}`,
    slug: slugOf(name),
    sku: `EX-${brand.slice(0, 3).toUpperCase()}-${1000 + i}`,
    name,
    brand: {
      id: `01M88BRDMEFYM6YV2PXBY9H${String(i % 10).padStart(3, '0')}`,
      slug: slugOf(brand),
      name: brand,
    },
    category: {
      id: `01M88BRDMB9SZWGTKV36TC1${String(i % 7).padStart(3, '0')}`,
      slug: slugOf(category),
      name: category,
      nameKm: 'ថាស SSD',
    },
    priceCents: 4_900 + i * 1_250,
    compareAtCents: i % 3 === 0 ? 5_900 + i * 1_250 : null,
    warrantyMonths: 36,
    availability: i % 5 === 0 ? 'low_stock' : 'in_stock',
    imageUrl: `/files/products/ex-${i}.svg`,
    keySpecs: ['1TB', 'PCIe 4.0 x4 NVMe', 'M.2 2280'],
  };
});

const page = {
  items,
  total: 1_000,
  page: 1,
  pageSize: 24,
  facets: {
    categories: facetCategories.map((name, i) => ({ value: slugOf(name), label: name, count: 40 + i })),
    brands: facetBrands.map((name, i) => ({ value: slugOf(name), label: name, count: 30 - i })),
    price: { minCents: 900, maxCents: 459_900 },
    inStock: 870,
    specs: [],
  },
};

const app = express();
app.get('/bare', (_req, res) => {
  res.json(page);
});
app.listen(Number(process.env.PORT ?? 3001), process.env.HOST ?? '127.0.0.1');
