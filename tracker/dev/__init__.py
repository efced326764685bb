"""Developer tools the app never imports.

Benchmarks, synthetic data, browser helpers and the fake depositary-file builder.
"""
