"""The throwaway PostgreSQL server of tests/conftest_pg.py really runs."""

from sqlalchemy import create_engine, text

from tests.pg import new_pg_database


def test_pg_server_answers(pg_server):
    url = new_pg_database(pg_server)
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            assert conn.execute(text("select 1")).scalar_one() == 1
            version = int(conn.execute(text("show server_version_num")).scalar_one())
            assert version >= 150000
            assert conn.execute(text("select current_database()")).scalar_one() == url.rsplit("/", 1)[1]
            assert conn.execute(text("show server_encoding")).scalar_one() == "UTF8"
    finally:
        eng.dispose()


def test_databases_are_fresh_and_distinct(pg_server, pg_database_url):
    other = new_pg_database(pg_server)
    assert other != pg_database_url
    eng = create_engine(pg_database_url)
    try:
        with eng.begin() as conn:
            conn.execute(text("create table t (x text)"))
            conn.execute(text("insert into t values ('Đoàn Thanh niên')"))
            assert conn.execute(text("select x from t")).scalar_one() == "Đoàn Thanh niên"
    finally:
        eng.dispose()
    eng = create_engine(other)
    try:
        with eng.connect() as conn:
            n = conn.execute(text("select count(*) from pg_tables where schemaname = 'public'")).scalar_one()
            assert n == 0
    finally:
        eng.dispose()
