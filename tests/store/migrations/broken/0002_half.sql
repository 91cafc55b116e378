-- a migration that fails half-way: the first statement must not survive
CREATE TABLE half_done (id INTEGER);
CREATE TABLE this is not sql;
