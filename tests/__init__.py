"""ajtui's tests: a package, so that test modules and benchmarks import their helpers as
`tests.helpers…` rather than through `sys.path`."""
