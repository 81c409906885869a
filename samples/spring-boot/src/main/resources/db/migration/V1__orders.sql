-- created_by records the database user of the session: the subject of the token it logged in with
create table orders (
  id         bigint generated always as identity primary key,
  item       text        not null,
  quantity   integer     not null check (quantity > 0),
  created_by text        not null default current_user,
  created_at timestamptz not null default now()
);
