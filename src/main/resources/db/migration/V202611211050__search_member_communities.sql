-- S9: the vendor communities a person belongs to now (an active seat in an active membership), for
-- the search index's member documents (read-only).
create view search_member_vendor as
select distinct s.user_id, m.vendor_id
from membership_seat s join membership m on m.id = s.membership_id and m.status = 'ACTIVE';
