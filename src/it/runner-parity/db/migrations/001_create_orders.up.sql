CREATE SCHEMA ${app_schema};
CREATE TABLE ${app_schema}.orders (id int, note text DEFAULT '${note}');  -- ${note} comes from -Dconfiture.placeholders.note
