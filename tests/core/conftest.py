"""Fixtures shared by the tests of core/."""

import pytest

from db.session import writing
from tests import factories as f


@pytest.fixture
def two_bans(db_url):
    """An office with two bans, Tổ chức (TC) and Tuyên giáo (TG), and nobody in them yet."""
    with writing(db_url) as s:
        f.ban(s, "TC", "Ban Tổ chức", 1)
        f.ban(s, "TG", "Ban Tuyên giáo", 2)
    return db_url
