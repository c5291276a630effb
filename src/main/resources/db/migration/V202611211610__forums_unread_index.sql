-- The forum index counts, per forum the reader may read, the topics active in the last 60 days that
-- they have not read to the end (issue #10). With only (forum_id, pinned, last_post_at, id) to go
-- on, PostgreSQL fetched every such topic row from the table: about 10,000 rows on 4,400 pages for
-- a member at the benchmark's `large` scale, 24-38 ms. This index holds what the count reads, so
-- the count is an index-only scan of those entries (3 ms). `if not exists`: benchmark databases
-- were measured with it before it became a migration.
create index if not exists topic_unread_idx on topic (forum_id, last_post_at) include (id, reply_count)
    where merged_into is null and deleted_at is null;
