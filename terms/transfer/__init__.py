"""Import and export of terms: CSV, JSON, and Markdown files with YAML front matter.

- ``incoming``: what every format is read into (``IncomingTerm``), text normalisation, limits.
- ``csv_format``, ``json_format``, ``markdown_format`` (with ``archives`` for zips and
  folders): reading and writing each format; ``formats`` names them.
- ``planning``: the dry run (new / changed with a diff / unchanged / error, with reasons).
- ``applying``: applying a confirmed dry run through the workflow, refusing if anything changed.
- ``exporting``: the live glossary or the working copies, in any format.
- ``jobs`` and ``tasks``: imports from the admin, applied by the task worker.
"""
