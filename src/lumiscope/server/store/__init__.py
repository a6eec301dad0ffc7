"""Storage: schema and migrations, the span writer, and the read queries."""
