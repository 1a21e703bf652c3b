# Run by jq (arm64, tests/host): paths, select, add, regex (oniguruma).
{
  titles: [.store.books[].title],
  dear: [.store.books[] | select(.price > 10) | .title],
  total: ([.store.books[].price] | add),
  tags: [.store.books[].tags | length],
  regex: [.store.books[].title | test("^[AG]")],
  subs: [.store.books[].title | gsub("(?<v>[aeiou])"; "<\(.v)>")],
  keys: (.store | keys),
  dates: (1234567890 | todate)
}
