-- The member directory (issue #10): its pages list members in name order (the default) or newest
-- first, 20 at a time. Without an index in that order every page sorted all matching members (at
-- `large` about 4,400 of 6,000 for one module: 9.5 ms); with it, PostgreSQL walks the members in
-- order and stops after the page (0.2 ms). Partial: the directory lists active members, never staff.
create index app_user_directory_name_idx on app_user (lower(last_name), lower(first_name), id)
    where status = 'ACTIVE' and staff_role is null;
create index app_user_directory_newest_idx on app_user (created_at desc, id desc)
    where status = 'ACTIVE' and staff_role is null;
