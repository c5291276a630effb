-- Outgoing mail (transactional outbox). A row is written in the transaction of the change that
-- causes the mail and sent afterwards by the sender job; see nl.clanq.mail.
create table mail_outbox (
    id              bigserial primary key,
    kind            text not null,
    recipient       text not null,
    subject         text not null,
    body_text       text not null,
    body_html       text not null,
    headers         jsonb not null default '{}'::jsonb,
    status          text not null default 'PENDING'
                    check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts        int not null default 0 check (attempts >= 0),
    -- PENDING: when the next attempt is due; SENDING: when the sender's claim runs out.
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz
);

-- The sender's question: which mails are due? Only the few unsent rows are in this index.
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status in ('PENDING', 'SENDING');

-- The staff lists: mails of some statuses, newest first.
create index mail_outbox_status_created_idx on mail_outbox (status, created_at desc);
