"""Commands for the office's administrators, run from the shell against the database
($DATABASE_URL, or the SQLite file under data/).

One module per command, each with the command's logic (its options, what it prints, its exit
codes) over a core service, which checks and writes exactly as the /admin page does:

    cli/roster.py      import a roster file: python -m cli.roster FILE [--deactivate-missing]
                       [--passwords-csv FILE]  (also `python -m seed --roster FILE …`)
    cli/new_office.py  a real office on an empty database (`python -m seed --new-office …`),
                       emptying a database (`--reset`), what `make run` prints (`--describe`)
    cli/trips.py       import past trips (`python -m seed --trips FILE [--dry-run]`)

New admin commands belong here too.
`python -m seed` keeps loading the demo data and hands its admin options to these modules.
"""
