# frequency / recency / T (weeks) of examples/data/shop-orders.csv, standard library only:
# purchase = amount > 0; purchase days are UTC calendar days; the end is the last day with an
# event (2024-06-30), included; recency and T in days / 7.
import csv, datetime
from decimal import Decimal
days = {}
last = None
for r in csv.DictReader(open('examples/data/shop-orders.csv')):
    d = datetime.date.fromisoformat(r['ordered_at'][:10])
    last = d if last is None or d > last else last
    if Decimal(r['amount']) > 0: days.setdefault(r['customer_id'], set()).add(d)
print(last, len(days))
for c in ['C0082', 'C0024', 'C0021', 'C0193', 'C0109']:
    s = sorted(days[c])
    print(c, len(s) - 1, f"{(s[-1]-s[0]).days/7:.2f}", f"{(last-s[0]).days/7:.2f}")
