"""Demo data and the loader behind `python -m seed` (see seed/__main__.py).

`seed.loader.load(session, demo_name)` loads one demo set; the sets are `seed.central_2018`
(default) and `seed.province_2022`, built from words in `seed.vocab`.
"""
