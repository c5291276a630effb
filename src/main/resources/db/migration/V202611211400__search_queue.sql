-- Topics whose search document is to be rebuilt after a reply (issue #10). A reply queues its topic
-- instead of re-indexing the whole conversation while the member waits; a job rebuilds each queued
-- topic once, however many replies arrived meanwhile. `version` grows with every reply, so the job
-- removes only entries no reply has touched since it read them.
create table search_queue (
    topic_id bigint primary key,
    version bigint not null default 1,
    queued_at timestamptz not null default now()
);
