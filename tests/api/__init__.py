"""The API's tests, by concern: resources, history, permissions, queries, schema, throttling."""
