-- When the person last signed in (after the second step, where that is on): the staff team page
-- shows it for every staff account. Null: not since this column exists.
alter table app_user add column last_signed_in_at timestamptz;
