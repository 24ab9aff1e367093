DROP SCHEMA ${app_schema} CASCADE;
