"""Open data: the public lists as downloads, the whole knowledge base as one file, and the
staff backup.

- `columns`: each list's columns, shared by both formats and the data dictionary;
- `exports`: the list downloads, their parameter checks and the rows they select;
- `writers`: the rows written as CSV or JSON, streamed;
- `spreadsheet`: the rule that keeps a CSV cell from running as a formula;
- `dataset`: the public file of the whole knowledge base, and its data dictionary;
- `public_json`: that file's fixture format, which names no editor;
- `backup`: the staff backup and restore (`export_kb`, `import_kb`).
"""
