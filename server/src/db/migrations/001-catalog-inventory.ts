import { type MigrationDb, binaryText, createIndex, createTable } from '../ddl';

/** Catalog, inventory ledger, change feed, and the users/sessions the back-office routes are guarded by. */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'categories')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('slug', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('name_km', 'varchar(120)', (c) => c.notNull())
    .addColumn('parent_id', 'varchar(26)', (c) => c.references('categories.id'))
    .addColumn('spec_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await createTable(db, 'brands')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('slug', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await createTable(db, 'products')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('sku', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('barcode', 'varchar(14)', (c) => c.unique())
    .addColumn('slug', 'varchar(140)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_sort', binaryText(db, 200), (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category_id', 'varchar(26)', (c) => c.notNull().references('categories.id'))
    .addColumn('brand_id', 'varchar(26)', (c) => c.notNull().references('brands.id'))
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    .addColumn('compare_at_cents', 'integer')
    .addColumn('warranty_months', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('specs_json', 'text', (c) => c.notNull())
    .addColumn('images_json', 'text', (c) => c.notNull())
    .addColumn('serialized', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'smallint', (c) => c.notNull().defaultTo(1))
    .addColumn('low_stock_threshold', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'products_category_idx', 'products', ['category_id', 'active']);
  await createIndex(db, 'products_brand_idx', 'products', ['brand_id', 'active']);
  await createIndex(db, 'products_price_idx', 'products', ['active', 'price_cents']);
  await createIndex(db, 'products_created_idx', 'products', ['active', 'created_at']);
  await createIndex(db, 'products_name_idx', 'products', ['active', 'name_sort']);

  await createTable(db, 'product_attributes', { clustered: true })
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('attr_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('value', binaryText(db, 120), (c) => c.notNull())
    .addPrimaryKeyConstraint('product_attributes_pk', ['product_id', 'attr_key'])
    .execute();
  await createIndex(db, 'product_attributes_value_idx', 'product_attributes', [
    'attr_key',
    'value',
    'product_id',
  ]);

  await createTable(db, 'search_terms', { clustered: true })
    .addColumn('term', binaryText(db, 64), (c) => c.notNull())
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_terms_pk', ['term', 'product_id'])
    .execute();
  await createIndex(db, 'search_terms_product_idx', 'search_terms', ['product_id']);

  await createTable(db, 'stock_levels')
    .addColumn('product_id', 'varchar(26)', (c) => c.primaryKey().references('products.id'))
    .addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await createTable(db, 'stock_movements')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id'))
    .addColumn('type', 'varchar(12)', (c) => c.notNull())
    .addColumn('on_hand_delta', 'integer', (c) => c.notNull())
    .addColumn('reserved_delta', 'integer', (c) => c.notNull())
    .addColumn('on_hand_after', 'integer', (c) => c.notNull())
    .addColumn('reserved_after', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)')
    .addColumn('reference', 'varchar(80)')
    .addColumn('actor_id', 'varchar(26)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'stock_movements_product_idx', 'stock_movements', ['product_id', 'id']);

  await createTable(db, 'serial_numbers')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id'))
    .addColumn('serial', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('reference', 'varchar(80)')
    .addColumn('sold_at', 'bigint')
    .addColumn('warranty_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('serial_numbers_product_serial_uq', ['product_id', 'serial'])
    .execute();

  await createTable(db, 'change_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('operation', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await createTable(db, 'counters')
    .addColumn('name', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  const feedCounter = await db
    .selectFrom('counters')
    .select('name')
    .where('name', '=', 'change_log')
    .executeTakeFirst();
  if (!feedCounter) await db.insertInto('counters').values({ name: 'change_log', value: 0 }).execute();

  await createTable(db, 'users')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('role', 'varchar(12)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await createTable(db, 'sessions')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'sessions_user_idx', 'sessions', ['user_id']);
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    'sessions',
    'users',
    'counters',
    'change_log',
    'serial_numbers',
    'stock_movements',
    'stock_levels',
    'search_terms',
    'product_attributes',
    'products',
    'brands',
    'categories',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
