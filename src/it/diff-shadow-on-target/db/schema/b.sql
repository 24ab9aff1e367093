CREATE TABLE t (id integer, note text);
