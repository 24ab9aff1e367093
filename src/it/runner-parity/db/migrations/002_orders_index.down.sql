DROP INDEX CONCURRENTLY ${app_schema}.orders_id;
