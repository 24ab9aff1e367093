-- a typo in a table name
CREATE TABLE more_things (id int PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
