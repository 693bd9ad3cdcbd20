"""The shared search layer: a domain declares its searchable document once; the form, the API
parameters, both backends' indexes and queries, and the filter panel come from it."""
