"""Pure JSON Schema helpers: pointers, subschema walking and offline ``$ref`` resolution."""
