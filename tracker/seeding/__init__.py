"""The committed seed: reference files → seed CSVs (build-seed), corrections, loading (init)."""
