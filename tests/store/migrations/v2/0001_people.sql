-- test schema, version 1
CREATE TABLE people (
    id ${ID},
    name TEXT NOT NULL
);
