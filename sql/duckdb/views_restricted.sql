-- Views of the restricted mart only (jifen mart --with-names).

create view v_watch_lists_named as
select w.*, i.member_code, i.name
from watch_lists w
left join member_identity i on i.member_key = w.member_key;
