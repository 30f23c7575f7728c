"""The run: inputs found and read (inputs), pages mapped over workers (engine, batch), the tables
built and written (table, write) and the review report (report)."""
