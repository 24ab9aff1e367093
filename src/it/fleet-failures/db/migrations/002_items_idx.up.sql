CREATE INDEX items_id_idx ON items (id);
