-- Run by sqlite3 directly and through ldso (tests/host).
.headers on
.mode list
create table item (id integer primary key, name text not null, price real, qty integer);
insert into item (name, price, qty) values ('apple', 0.5, 10), ('pear', 0.75, 4),
  ('plum', 0.2, 25), ('fig', 1.25, 3), ('kiwi', 0.6, 0);
create index item_name on item(name);
select name, price * qty as total from item order by total desc, name;
select count(*), sum(qty), round(avg(price), 3), max(name), min(price) from item;
with recursive n(i) as (select 1 union all select i + 1 from n where i < 10)
  select group_concat(i * i, ' ') from n;
select printf('%08.3f|%-6s|%x', 3.14159, 'ab', 255);
select json_group_array(name) from (select name from item order by name);
select upper(name), length(name), substr(name, 2, 2), instr(name, 'p') from item order by id;
update item set qty = qty + 1 where price < 0.6;
delete from item where qty = 1;
select id, name, qty from item order by id;
.mode column
select name, qty from item where qty > 5 order by name;
