-- test schema, version 2: adds a column and an index
ALTER TABLE people ADD COLUMN email TEXT;
CREATE INDEX people_email ON people (email);
