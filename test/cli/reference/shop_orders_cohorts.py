# Classic monthly retention and revenue of examples/data/shop-orders.csv (UTC calendar months)
# with the standard library only: a row with amount < 0 is a refund (never active); a customer's
# cohort is the month of their first non-refund row; revenue[k] sums every row of the cohort's
# customers in month k (refunds netted), refunds before the first active row left out.
import csv, collections
from decimal import Decimal
rows = list(csv.DictReader(open('examples/data/shop-orders.csv')))
def month(s): return int(s[0:4]) * 12 + int(s[5:7]) - 1
first = {}
for r in rows:
    if Decimal(r['amount']) < 0: continue
    m = month(r['ordered_at']); c = r['customer_id']
    first[c] = min(first.get(c, m), m)
active = collections.defaultdict(set); revenue = collections.defaultdict(Decimal)
for r in rows:
    c = r['customer_id']
    if c not in first: continue
    k = month(r['ordered_at']) - first[c]
    if k < 0: continue
    revenue[(first[c], k)] += Decimal(r['amount'])
    if Decimal(r['amount']) >= 0: active[(first[c], k)].add(c)
size = collections.Counter(first.values())
last = max(month(r['ordered_at']) for r in rows)
for co in sorted(size):
    n = last - co + 1
    print(f'["{co//12}-{co%12+1:02d}", {size[co]}, {[len(active[(co, k)]) for k in range(n)]}, {[str(revenue[(co, k)]) for k in range(n)]}],')
