"""The database kept whole: the integrity report, schema drift, backups and validated restores."""
