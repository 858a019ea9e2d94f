-- batch_lines takes a row per line of every batch, inserted in chunks while the input is validated, so what an insert
-- checks per row is paid 50,000 times for a batch of 50,000 lines. The foreign key to batches checked each row with a
-- lookup and a lock on its batch's row: 50,000 lines took 0.67-0.95 s to insert with it and 0.41-0.47 s without it
-- (PostgreSQL 17, this schema). Lines are written only for a batch row the worker has just read, and batch rows are
-- never deleted, so the key guarded against nothing the code does; an operator who deletes batches by hand deletes
-- their lines with them (DELETE FROM batch_lines WHERE batch_id = ...).
ALTER TABLE batch_lines DROP CONSTRAINT batch_lines_batch_id_fkey;
