"""A throwaway content type for the registry tests: its table exists in the
test database, but it is registered only inside the tests that ask for it."""
