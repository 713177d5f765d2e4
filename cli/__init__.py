"""The admins' shell commands, behind `python -m seed` (seed/__main__.py declares the options and
hands each run to one of these): they open the transaction, call core, print the result."""
