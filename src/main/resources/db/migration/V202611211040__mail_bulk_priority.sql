-- Announcements to every user (new terms) are sent after every waiting personal mail, so that a
-- login code or a reset link never queues behind thousands of announcements.
alter table mail_outbox add column bulk boolean not null default false;
drop index mail_outbox_due_idx;
create index mail_outbox_due_idx on mail_outbox (bulk, next_attempt_at) where status in ('PENDING', 'SENDING');
