-- S8: the append-only audit log. One row per audited act, written in the act's own transaction.
-- No foreign keys: entries outlive the users and organisations they mention, and name them by id.
create table audit_log (
    id              bigserial primary key,
    occurred_at     timestamptz not null default now(),
    actor_user_id   bigint,
    actor_label     text not null,
    action          text not null,
    target_type     text,
    target_id       text,
    organisation_id bigint,
    ip              text,
    details         jsonb not null default '{}'
);

-- Newest first for staff, and per organisation for the owner's view; id breaks ties within one
-- transaction (now() is the transaction's start time), so paging is stable.
create index audit_log_occurred_at_idx on audit_log (occurred_at desc, id desc);
create index audit_log_organisation_idx on audit_log (organisation_id, occurred_at desc, id desc);
-- text_pattern_ops lets the "action starts with" filter (LIKE 'prefix%') use the index whatever
-- the database collation is.
create index audit_log_action_idx on audit_log (action text_pattern_ops);
create index audit_log_actor_idx on audit_log (actor_user_id);

-- The database itself refuses to alter entries, so neither a bug nor a hand-typed statement in
-- the application's account can rewrite history.
create function audit_log_refuse_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op
        using hint = 'Audit entries can be added, never changed or removed.';
end;
$$;

create trigger audit_log_no_update_or_delete
    before update or delete on audit_log
    for each row execute function audit_log_refuse_change();

create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_refuse_change();
