-- S2: two-step verification with an authenticator app (TOTP, RFC 6238).
-- The secret is encrypted by the application (S6, SecretCipher: "v1:<key id>:<nonce>:<ciphertext>"),
-- bound to its user id. confirmed_at is null while enrolment is under way: the person has the QR code
-- but has not yet proved it works, and signing in does not ask for a code.
create table user_two_factor (
    user_id          bigint primary key references app_user (id) on delete cascade,
    secret_encrypted text not null,
    confirmed_at     timestamptz,
    -- Time step (unix seconds / 30) of the last accepted code. Only a later step is accepted, so a
    -- code works once even within its validity window (RFC 6238, section 5.2).
    last_used_step   bigint,
    created_at       timestamptz not null default now()
);

-- One-time recovery codes for when the phone is lost. Only SHA-256 hashes (salted with the user id)
-- are kept; used_at is set when a code is spent.
create table user_recovery_code (
    id         bigserial primary key,
    user_id    bigint not null references app_user (id) on delete cascade,
    code_hash  text not null,
    used_at    timestamptz,
    created_at timestamptz not null default now()
);
create index user_recovery_code_user_idx on user_recovery_code (user_id);
