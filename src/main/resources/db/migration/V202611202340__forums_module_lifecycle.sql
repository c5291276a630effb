-- C14: renamed forums keep their old addresses; a retired module's forum points at its successor.
create table forum_redirect (
    vendor_id bigint not null references vendor (id),
    old_slug  text not null,
    forum_id  bigint not null references forum (id),
    primary key (vendor_id, old_slug)
);
alter table forum add column merged_into bigint references forum (id);
