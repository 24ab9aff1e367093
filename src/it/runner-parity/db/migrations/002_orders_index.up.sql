CREATE INDEX CONCURRENTLY orders_id ON ${app_schema}.orders (id);
