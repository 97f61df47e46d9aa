from .export import write_schema

print(f"wrote {write_schema()}")
