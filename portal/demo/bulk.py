"""Fast inserts for the apps' large invented data sets (benchmarks)."""

from django.db import connection

from portal.places.models import Municipality


def insert_rows(table, columns, rows, dates=()):
    """Plain INSERTs of tuples, 5,000 a statement: a million rows through bulk_create (a model
    instance each) would take minutes. `dates`: the columns holding datetimes, adapted as Django
    stores them on this database."""
    adapt = connection.ops.adapt_datetimefield_value
    positions = [columns.index(name) for name in dates]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            batch = rows[start : start + 5000]
            if positions:
                batch = [tuple(adapt(v) if i in positions else v for i, v in enumerate(row)) for row in batch]
            cursor.executemany(sql, batch)


def batches(count, size, stdout=None, label="objects"):
    """(how many are done, how many to make now) for each batch of at most `size` of the `count`
    objects to create, so that a large set is never held in memory at once; the progress is
    written after each batch."""
    done = 0
    while done < count:
        n = min(size, count - done)
        yield done, n
        done += n
        if stdout:
            stdout.write(f"  {done}/{count} {label}")


def weighted_municipalities(*related):
    """Every municipality (with its postcodes and the `related` objects) and its weight for
    random.choices: bigger towns, those with more postcodes, get more of what is invented."""
    municipalities = list(Municipality.objects.select_related(*related).prefetch_related("postal_codes"))
    return municipalities, [1 + 2 * len(m.postal_codes.all()) for m in municipalities]
