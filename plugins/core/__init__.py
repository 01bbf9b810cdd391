"""Generator-independent domain logic shared by all Khooshe capabilities."""
