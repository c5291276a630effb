-- Foreign keys that pages look rows up by (issue #10). Without these, each lookup read the whole
-- table: the organisation a person owns and their organisation's membership status on every
-- request, and the organisation of each post's author on every topic page (20 scans of all
-- organisation members per page at the `large` benchmark scale).
create index organisation_owner_idx on organisation (owner_user_id);
create index organisation_member_user_idx on organisation_member (user_id);
create index membership_organisation_idx on membership (organisation_id);
create index licence_change_request_membership_idx on licence_change_request (membership_id);
create index organisation_lock_organisation_idx on organisation_lock (organisation_id);
create index succession_record_organisation_idx on succession_record (organisation_id);
create index member_warning_organisation_idx on member_warning (organisation_id);
create index forum_redirect_forum_idx on forum_redirect (forum_id);
create index password_token_user_idx on password_token (user_id);
