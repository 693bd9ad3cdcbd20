"""Fast inserts for the apps' large invented data sets (benchmarks)."""

from django.db import connection


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
