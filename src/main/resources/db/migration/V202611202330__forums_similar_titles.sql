-- Similar questions while typing a title (forums part 9): trigram similarity on titles.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
create extension if not exists pg_trgm;
create index topic_title_trgm_idx on topic using gin (lower(title) gin_trgm_ops);
