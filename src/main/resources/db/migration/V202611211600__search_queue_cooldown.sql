-- A topic is re-indexed at most once per cooldown (issue #10). Re-indexing rebuilds the whole
-- conversation, so a topic getting several replies a second cost its whole text's analysis twice a
-- second. After a round, the entry stays as a marker until `due_at`: replies meanwhile raise
-- `version` above `indexed_version` and are indexed together when the cooldown ends.
alter table search_queue
    add column indexed_version bigint not null default 0,
    add column due_at timestamptz not null default now();
