"""The article: a saved page read, its chrome stripped, its repeated body dropped, split into
sentences (load → blocks → clean → dedup → segment)."""
