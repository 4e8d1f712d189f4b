"""Dump import: `seedwiki import DUMP` (command.py) runs run.py's pipeline.

dump.py reads the dump in numbered batches; prepare.py does the CPU work per page in worker
processes (workers.py); writer.py commits a batch and the checkpoint (run_record.py) together,
through bulk_rows.py (COPY / executemany); indexes.py leaves secondary indexes out during a big
load; finish.py turns old pages' red links blue at the end; load_tuning.py sets the session up.
"""
