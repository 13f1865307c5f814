"""Layout: content model + layout definition → scene (pure geometry, no drawing)."""
