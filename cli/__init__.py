"""Commands for the office's administrators, run from the shell against the database
($DATABASE_URL, or the SQLite file under data/).

One module per command, each with the command's logic (its options, what it prints, its exit
codes) over a core service, which checks and writes exactly as the /admin page does:

    cli/roster.py   import a roster file: python -m cli.roster FILE [--deactivate-missing]
                    [--passwords-csv FILE]  (also `python -m seed --roster FILE …`)

New admin commands (a new office, importing past trips, reminders) belong here too.
`python -m seed` keeps loading the demo data and hands its admin options to these modules.
"""
